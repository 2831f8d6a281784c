#pragma once

#include <QLabel>
#include <QList>
#include <QScrollArea>
#include <QString>

#include <memory>

#include "replicant/viewers/gltf_scene.h"

class QFormLayout;
class QPlainTextEdit;

namespace replicant::viewers::detail {

// The viewer's side panel: what the file holds (counts), what it cost to load, and every
// warning the loader raised.
class GltfInfoPanel : public QScrollArea {
    Q_OBJECT

public:
    explicit GltfInfoPanel(QWidget* parent = nullptr);

    void showScene(const QString& name, const GltfScene& scene);
    void clear();
    // The label's text for a field, e.g. "Triangles"; for tests.
    QString value(const QString& field) const;
    QStringList warnings() const { return m_warningLines; }

private:
    void set(const QString& field, const QString& text);

    QFormLayout* m_form = nullptr;
    QList<std::pair<QString, QLabel*>> m_values;
    QLabel* m_warningsTitle = nullptr;
    QPlainTextEdit* m_warnings = nullptr;
    QStringList m_warningLines;
};

}  // namespace replicant::viewers::detail
