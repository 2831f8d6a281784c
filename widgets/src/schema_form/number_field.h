#pragma once

#include "schema_field.h"

class QDoubleSpinBox;
class QSlider;

namespace replicant::widgets {

// An integer or a number: a spin box, with a slider beside it when the schema gives both bounds.
// An optional one without a default starts "not set" (the spin box's special value, below the
// minimum), so the server applies its own default.
class NumberField : public SchemaField {
    Q_OBJECT

public:
    NumberField(const QString& name, const QJsonObject& schema, bool required, QWidget* parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue& value) override;
    QString typeHint() const override;

    QDoubleSpinBox* spinBox() const { return m_spin; }
    QSlider* slider() const { return m_slider; }  // null without both bounds

private:
    bool isUnset() const;
    void syncSlider();
    void sliderMoved(int position);

    QDoubleSpinBox* m_spin;
    QSlider* m_slider = nullptr;
    bool m_integer;
    bool m_canUnset;
    double m_min;
    double m_max;
    int m_sliderSteps = 1000;
    bool m_syncing = false;
};

}  // namespace replicant::widgets
