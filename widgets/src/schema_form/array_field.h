#pragma once

#include <QVector>

#include "schema_field.h"

class QPushButton;
class QVBoxLayout;

namespace replicant::widgets {

// An array: one editor per item (built from `items` like any field, so arrays of files, numbers
// or enums work alike), each with a remove button, and an Add button. Unset items are skipped;
// no items at all is unset.
class ArrayField : public SchemaField {
    Q_OBJECT

public:
    ArrayField(const QString& name, const QJsonObject& schema, const QJsonObject& document,
               QWidget* parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue& value) override;
    QString inputProblem() const override;
    QString typeHint() const override;

    int itemCount() const { return int(m_items.size()); }
    SchemaField* item(int index) const { return m_items.value(index); }
    SchemaField* addItem();

private:
    void removeItem(SchemaField* item);

    QJsonObject m_itemSchema;
    QJsonObject m_document;
    QVector<SchemaField*> m_items;
    QVBoxLayout* m_rows;
    QPushButton* m_add;
};

}  // namespace replicant::widgets
