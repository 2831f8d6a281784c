#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QWidget>

namespace replicant::widgets {

// One input of a SchemaForm: an editor for a value of one (resolved) JSON schema. value() is
// what the form sends (QJsonValue::Undefined when the user left it unset, so the server applies
// its default); setValue(Undefined or Null) clears it.
class SchemaField : public QWidget {
    Q_OBJECT

public:
    SchemaField(const QString& name, const QJsonObject& schema, QWidget* parent);

    QString name() const { return m_name; }
    const QJsonObject& schema() const { return m_schema; }

    virtual QJsonValue value() const = 0;
    virtual void setValue(const QJsonValue& value) = 0;
    void resetToDefault() { setValue(m_schema.value(QLatin1String("default"))); }
    // Text the editor holds that is no value at all (e.g. malformed JSON); empty when fine.
    virtual QString inputProblem() const { return {}; }
    // Secrets are masked and never kept in history.
    virtual bool isSecret() const { return false; }
    // A short description of the expected value: "integer, 1 to 50", "file", "string".
    virtual QString typeHint() const;

signals:
    void changed();

private:
    QString m_name;
    QJsonObject m_schema;
};

// Builds the editor a resolved property schema calls for. `document` resolves references of
// nested schemas (array items).
SchemaField* createSchemaField(const QString& name, const QJsonObject& schema, bool required,
                               const QJsonObject& document, QWidget* parent);

// Whether a string property reads better in a multi-line editor (prompts and other prose).
bool isProseField(const QString& name, const QJsonObject& schema);

}  // namespace replicant::widgets
