#pragma once

#include <QJsonValue>
#include <QTreeWidget>

namespace replicant::widgets {

// A read-only tree of a JSON value: objects and arrays expand, scalars show their JSON text (long
// strings, such as data: URIs, shortened). The context menu copies a node's value as JSON.
class JsonView : public QTreeWidget {
    Q_OBJECT

public:
    static constexpr int kMaxShownChars = 300;

    explicit JsonView(QWidget* parent = nullptr);

    void setJson(const QJsonValue& value);
    const QJsonValue& json() const { return m_value; }
    // Expands the first `depth` levels (1: the top-level members).
    void expandToLevel(int depth);

    // The JSON text of a value: compact, or indented for objects and arrays.
    static QString toText(const QJsonValue& value, bool indented = false);

private:
    void addChildren(QTreeWidgetItem* parent, const QJsonValue& value);
    QTreeWidgetItem* makeItem(const QString& key, const QJsonValue& value);
    void showMenu(const QPoint& pos);

    QJsonValue m_value;
};

}  // namespace replicant::widgets
