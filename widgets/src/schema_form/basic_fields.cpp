#include "basic_fields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QToolButton>

namespace replicant::widgets {

namespace {
constexpr int kProseLines = 4;

QHBoxLayout* bareRow(QWidget* owner) {
    auto* layout = new QHBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    return layout;
}

// Text for any JSON value: strings as they are, the rest as compact JSON.
QString displayText(const QJsonValue& v) {
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == qint64(d) && std::abs(d) < 1e15 ? QString::number(qint64(d))
                                                    : QString::number(d, 'g', 15);
    }
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isNull() || v.isUndefined())
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

int lineHeight(const QWidget* w) {
    return w->fontMetrics().lineSpacing();
}
}  // namespace

// ---- TextField ----------------------------------------------------------------------------

TextField::TextField(const QString& name, const QJsonObject& schema, bool multiLine,
                     QWidget* parent)
    : SchemaField(name, schema, parent) {
    auto* layout = bareRow(this);
    if (multiLine) {
        m_text = new QPlainTextEdit(this);
        m_text->setObjectName(QStringLiteral("editor"));
        m_text->setTabChangesFocus(true);
        m_text->setFixedHeight(lineHeight(m_text) * kProseLines + 14);
        connect(m_text, &QPlainTextEdit::textChanged, this, &SchemaField::changed);
        layout->addWidget(m_text);
        setFocusProxy(m_text);
    } else {
        m_line = new QLineEdit(this);
        m_line->setObjectName(QStringLiteral("editor"));
        m_line->setClearButtonEnabled(true);
        connect(m_line, &QLineEdit::textChanged, this, &SchemaField::changed);
        layout->addWidget(m_line);
        setFocusProxy(m_line);
    }
    resetToDefault();
}

QJsonValue TextField::value() const {
    const QString text = m_text ? m_text->toPlainText() : m_line->text();
    return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
}

void TextField::setValue(const QJsonValue& value) {
    const QString text = displayText(value);
    if (m_text)
        m_text->setPlainText(text);
    else
        m_line->setText(text);
}

QString TextField::typeHint() const {
    const QJsonValue min = schema().value(QLatin1String("minLength"));
    const QJsonValue max = schema().value(QLatin1String("maxLength"));
    if (max.isDouble())
        return tr("string, up to %1 characters").arg(max.toInteger());
    if (min.isDouble())
        return tr("string, at least %1 characters").arg(min.toInteger());
    return tr("string");
}

// ---- SecretField --------------------------------------------------------------------------

SecretField::SecretField(const QString& name, const QJsonObject& schema, QWidget* parent)
    : SchemaField(name, schema, parent),
      m_edit(new QLineEdit(this)),
      m_reveal(new QToolButton(this)) {
    m_edit->setObjectName(QStringLiteral("editor"));
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setPlaceholderText(tr("Secret: sent with the prediction, never saved by this app"));
    // No autocompletion or undo history beyond the field itself.
    m_edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhSensitiveData);
    m_reveal->setText(tr("Show"));
    m_reveal->setCheckable(true);
    m_reveal->setToolTip(tr("Show or hide the secret"));
    connect(m_reveal, &QToolButton::toggled, this, [this](bool shown) {
        m_edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_reveal->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_edit, &QLineEdit::textChanged, this, &SchemaField::changed);
    auto* layout = bareRow(this);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_reveal);
    setFocusProxy(m_edit);
}

QJsonValue SecretField::value() const {
    return m_edit->text().isEmpty() ? QJsonValue(QJsonValue::Undefined)
                                    : QJsonValue(m_edit->text());
}

void SecretField::setValue(const QJsonValue& value) {
    m_edit->setText(value.toString());
}

// ---- BoolField ----------------------------------------------------------------------------

BoolField::BoolField(const QString& name, const QJsonObject& schema, QWidget* parent)
    : SchemaField(name, schema, parent), m_box(new QCheckBox(this)) {
    m_box->setObjectName(QStringLiteral("editor"));
    m_box->setText(schema.value(QLatin1String("title")).toString(name));
    connect(m_box, &QCheckBox::toggled, this, &SchemaField::changed);
    bareRow(this)->addWidget(m_box);
    setFocusProxy(m_box);
    resetToDefault();
}

QJsonValue BoolField::value() const {
    return m_box->isChecked();
}

void BoolField::setValue(const QJsonValue& value) {
    m_box->setChecked(value.toBool());
}

// ---- EnumField ----------------------------------------------------------------------------

EnumField::EnumField(const QString& name, const QJsonObject& schema, bool required, QWidget* parent)
    : SchemaField(name, schema, parent), m_combo(new QComboBox(this)) {
    m_combo->setObjectName(QStringLiteral("editor"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumWidth(160);
    const QJsonValue fallback = schema.value(QLatin1String("default"));
    m_hasUnset = !required && (fallback.isUndefined() || fallback.isNull());
    if (m_hasUnset)
        m_combo->addItem(tr("\u2014 not set \u2014"));
    for (const QJsonValue& member : schema.value(QLatin1String("enum")).toArray())
        m_combo->addItem(displayText(member), member.toVariant());
    connect(m_combo, &QComboBox::currentIndexChanged, this, &SchemaField::changed);
    auto* layout = bareRow(this);
    layout->addWidget(m_combo);
    layout->addStretch(1);
    setFocusProxy(m_combo);
    resetToDefault();
}

QJsonValue EnumField::value() const {
    if (m_hasUnset && m_combo->currentIndex() == 0)
        return QJsonValue::Undefined;
    const int index = m_combo->currentIndex() - (m_hasUnset ? 1 : 0);
    const QJsonArray members = schema().value(QLatin1String("enum")).toArray();
    return index >= 0 && index < members.size() ? members.at(index)
                                                : QJsonValue(QJsonValue::Undefined);
}

void EnumField::setValue(const QJsonValue& value) {
    const QJsonArray members = schema().value(QLatin1String("enum")).toArray();
    for (qsizetype i = 0; i < members.size(); ++i) {
        const QJsonValue& m = members.at(i);
        const bool same =
            m.isDouble() && value.isDouble() ? m.toDouble() == value.toDouble() : m == value;
        if (same) {
            m_combo->setCurrentIndex(int(i) + (m_hasUnset ? 1 : 0));
            return;
        }
    }
    m_combo->setCurrentIndex(0);
}

QString EnumField::typeHint() const {
    return tr("one of %n", nullptr, int(schema().value(QLatin1String("enum")).toArray().size()));
}

// ---- JsonField ----------------------------------------------------------------------------

JsonField::JsonField(const QString& name, const QJsonObject& schema, QWidget* parent)
    : SchemaField(name, schema, parent), m_text(new QPlainTextEdit(this)) {
    m_text->setObjectName(QStringLiteral("editor"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setTabChangesFocus(true);
    m_text->setPlaceholderText(tr("JSON"));
    m_text->setFixedHeight(lineHeight(m_text) * 3 + 14);
    connect(m_text, &QPlainTextEdit::textChanged, this, &SchemaField::changed);
    bareRow(this)->addWidget(m_text);
    setFocusProxy(m_text);
    resetToDefault();
}

QJsonValue JsonField::value() const {
    const QString text = m_text->toPlainText().trimmed();
    if (text.isEmpty())
        return QJsonValue::Undefined;
    // Wrapping in [] lets scalars parse too.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text.toUtf8() + "]");
    if (!doc.isArray() || doc.array().size() != 1)
        return QJsonValue::Undefined;
    return doc.array().first();
}

void JsonField::setValue(const QJsonValue& value) {
    if (value.isObject() || value.isArray())
        m_text->setPlainText(
            QString::fromUtf8(value.isObject()
                                  ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)
                                  : QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented))
                .trimmed());
    else
        m_text->setPlainText(
            value.isString()
                ? QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                      .mid(1)
                      .chopped(1)
                : displayText(value));
}

QString JsonField::inputProblem() const {
    const QString text = m_text->toPlainText().trimmed();
    if (text.isEmpty() || !value().isUndefined())
        return {};
    return tr("Not valid JSON");
}

QString JsonField::typeHint() const {
    const QString type = SchemaField::typeHint();
    return type == QLatin1String("any") ? tr("JSON") : tr("%1 as JSON").arg(type);
}

}  // namespace replicant::widgets
