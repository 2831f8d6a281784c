#pragma once

#include "schema_field.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace replicant::widgets {

// A string: one line, or several for prose (prompts). Empty text is unset.
class TextField : public SchemaField {
    Q_OBJECT

public:
    TextField(const QString& name, const QJsonObject& schema, bool multiLine, QWidget* parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue& value) override;
    QString typeHint() const override;

private:
    QLineEdit* m_line = nullptr;
    QPlainTextEdit* m_text = nullptr;
};

// A secret (Cog's Secret: format password): masked, with a button to reveal it.
class SecretField : public SchemaField {
    Q_OBJECT

public:
    SecretField(const QString& name, const QJsonObject& schema, QWidget* parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue& value) override;
    bool isSecret() const override { return true; }
    QString typeHint() const override { return tr("secret"); }

private:
    QLineEdit* m_edit;
    QToolButton* m_reveal;
};

// A boolean: a check box.
class BoolField : public SchemaField {
    Q_OBJECT

public:
    BoolField(const QString& name, const QJsonObject& schema, QWidget* parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue& value) override;

private:
    QCheckBox* m_box;
};

// One of a fixed set (`enum`, often behind Cog's allOf/$ref): a combo box. An optional one
// without a default starts on "not set".
class EnumField : public SchemaField {
    Q_OBJECT

public:
    EnumField(const QString& name, const QJsonObject& schema, bool required, QWidget* parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue& value) override;
    QString typeHint() const override;

private:
    QComboBox* m_combo;
    bool m_hasUnset = false;
};

// Anything else (objects, untyped values): JSON text.
class JsonField : public SchemaField {
    Q_OBJECT

public:
    JsonField(const QString& name, const QJsonObject& schema, QWidget* parent);
    QJsonValue value() const override;
    void setValue(const QJsonValue& value) override;
    QString inputProblem() const override;
    QString typeHint() const override;

private:
    QPlainTextEdit* m_text;
};

}  // namespace replicant::widgets
