#pragma once

#include "schema_field.h"

class QLabel;
class QLineEdit;
class QToolButton;

namespace replicant::widgets {

// A file input (format: uri). The user picks a file, drops one (or a URL) on the field, or types
// a URL. A local file becomes a data: URI value (an app may upload it and send its URL
// instead); a small preview shows images, and the name, type and size of anything else.
class FileField : public SchemaField {
    Q_OBJECT

public:
    // Inline data grows by a third in base64; beyond this, a file is refused.
    static constexpr qint64 kMaxFileBytes = 100LL * 1024 * 1024;

    FileField(const QString& name, const QJsonObject& schema, QWidget* parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue& value) override;
    QString inputProblem() const override { return m_problem; }
    QString typeHint() const override { return tr("file or URL"); }

    // Reads a local file into the field; false (with inputProblem() set) when it cannot.
    Q_INVOKABLE bool loadFile(const QString& path);
    bool hasPreview() const;

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void pick();
    void clear();
    void showInline(const QByteArray& bytes, const QString& mediaType, const QString& label);
    void showPreview(const QByteArray& bytes, const QString& mediaType);

    QLabel* m_preview;
    QLineEdit* m_edit;
    QToolButton* m_pick;
    QToolButton* m_clear;
    QString m_dataUri;  // set while a local file is loaded
    QString m_problem;
    bool m_dragOver = false;
};

}  // namespace replicant::widgets
