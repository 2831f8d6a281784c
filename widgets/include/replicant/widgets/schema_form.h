#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace replicant::widgets {

class SchemaField;

// A form generated from a JSON schema of an object (e.g. a Cog model's OpenAPI `Input`): one
// editor per property in `x-order`, chosen by type: text (multi-line for prompts), numbers with
// a spin box and a slider when bounded, check boxes, combo boxes for enums (Cog's allOf/$ref
// resolved), files (pick, drop, preview; sent as data: URIs), masked secrets, arrays and JSON.
// Defaults are pre-filled and descriptions shown as help. validate() checks the values with the
// same rules and messages as the platform's server; setFieldError() shows an error (the
// server's, say) next to the field it names. It knows nothing of the platform.
class SchemaForm : public QWidget {
    Q_OBJECT

public:
    struct FieldError {
        QString field;  // property name; "" for the form as a whole
        QString type;   // required, enum, number_lte, invalid_json, ...
        QString message;
    };

    explicit SchemaForm(QWidget* parent = nullptr);

    // `schema` is the object schema; `document` is what "#/..." references point into (the
    // whole OpenAPI document for Cog). Rebuilds every editor with its default.
    void setSchema(const QJsonObject& schema, const QJsonObject& document = {});
    const QJsonObject& schema() const { return m_schema; }

    QStringList fieldNames() const;  // in x-order
    // The field's widget (its editor and buttons inside), null for an unknown name.
    QWidget* field(const QString& name) const;
    // The editor widget of a field (line edit, spin box, combo...), for focus and tests.
    QWidget* editor(const QString& name) const;

    // The values to send: every property that has one (unset ones are left out, so the server
    // applies its defaults).
    QJsonObject values() const;
    // values() without secrets: what may be kept in history.
    QJsonObject valuesForHistory() const;
    // Sets the named fields; others keep their values. Unknown names are ignored.
    void setValues(const QJsonObject& values);
    void resetToDefaults();
    QStringList secretFields() const;

    // Client-side validation; shows nothing.
    QVector<FieldError> validate() const;
    // validate(), showing each error beside its field; true when there were none.
    bool validateAndShow();
    // Shows `message` under the field (or at the top of the form for an unknown or empty name).
    void setFieldError(const QString& field, const QString& message);
    QString fieldError(const QString& field) const;
    QString formError() const;
    void clearErrors();

signals:
    void changed();
    // Ctrl+Enter inside the form.
    void submitRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row {
        SchemaField* field;
        QLabel* error;
        bool required;
    };
    void clear();
    QWidget* buildRow(const QString& name, const QJsonObject& schema, bool required);
    void applyErrorColors();

    QJsonObject m_schema;
    QJsonObject m_document;
    QStringList m_order;
    QHash<QString, Row> m_rows;
    QVBoxLayout* m_layout;
    QLabel* m_formError;
    QLabel* m_empty;
};

}  // namespace replicant::widgets
