#include "replicant/widgets/schema_form.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QShortcut>
#include <QVBoxLayout>

#include "replicant/widgets/json_schema.h"
#include "schema_form/schema_field.h"

namespace replicant::widgets {

namespace {
QColor errorColor(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x7b, 0x72)
                                                             : QColor(0xc4, 0x1d, 0x2a);
}

QLabel* smallLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.92);
    label->setFont(font);
    return label;
}
}  // namespace

SchemaForm::SchemaForm(QWidget* parent)
    : QWidget(parent),
      m_layout(new QVBoxLayout(this)),
      m_formError(new QLabel(this)),
      m_empty(new QLabel(tr("This model takes no inputs."), this)) {
    setObjectName(QStringLiteral("schemaForm"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(18);
    m_formError->setObjectName(QStringLiteral("formError"));
    m_formError->setWordWrap(true);
    m_formError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formError->hide();
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->hide();
    m_layout->addWidget(m_formError);
    m_layout->addWidget(m_empty);
    m_layout->addStretch(1);
    auto* submit = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    submit->setContext(Qt::WidgetWithChildrenShortcut);
    connect(submit, &QShortcut::activated, this, &SchemaForm::submitRequested);
    auto* submitEnter = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    submitEnter->setContext(Qt::WidgetWithChildrenShortcut);
    connect(submitEnter, &QShortcut::activated, this, &SchemaForm::submitRequested);
    applyErrorColors();
}

void SchemaForm::clear() {
    for (const QString& name : std::as_const(m_order)) {
        QWidget* row = m_rows.value(name).field->parentWidget();
        m_layout->removeWidget(row);
        delete row;
    }
    m_rows.clear();
    m_order.clear();
    clearErrors();
}

void SchemaForm::setSchema(const QJsonObject& schema, const QJsonObject& document) {
    clear();
    m_schema = schema;
    m_document = document.isEmpty() ? schema : document;
    const auto properties = json_schema::orderedProperties(schema, m_document);
    int position = m_layout->indexOf(m_empty);
    for (const auto& property : properties) {
        m_layout->insertWidget(position++,
                               buildRow(property.name, property.schema, property.required));
        m_order << property.name;
    }
    m_empty->setVisible(properties.isEmpty());
    applyErrorColors();
    emit changed();
}

QWidget* SchemaForm::buildRow(const QString& name, const QJsonObject& schema, bool required) {
    auto* row = new QWidget(this);
    row->setObjectName(QStringLiteral("row-") + name);
    auto* layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(5);

    SchemaField* field = createSchemaField(name, schema, required, m_document, row);
    auto* title = new QLabel(name, row);
    title->setObjectName(QStringLiteral("title"));
    QFont bold = title->font();
    bold.setWeight(QFont::DemiBold);
    title->setFont(bold);
    title->setBuddy(field);
    auto* hint =
        smallLabel(field->typeHint() + (required ? tr(" \u00b7 required") : QString()), row);
    hint->setObjectName(QStringLiteral("typeHint"));
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* header = new QHBoxLayout;
    header->setSpacing(8);
    header->addWidget(title);
    header->addWidget(hint);
    header->addStretch(1);
    layout->addLayout(header);
    layout->addWidget(field);

    const QString description = schema.value(QLatin1String("description")).toString();
    if (!description.isEmpty()) {
        auto* help = smallLabel(description, row);
        help->setObjectName(QStringLiteral("help"));
        help->setTextFormat(Qt::PlainText);
        help->setWordWrap(true);
        help->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(help);
        field->setToolTip(description);
    }
    auto* error = smallLabel(QString(), row);
    error->setObjectName(QStringLiteral("error"));
    error->setWordWrap(true);
    error->hide();
    layout->addWidget(error);
    connect(field, &SchemaField::changed, this, [this, error] {
        // The user is fixing it: the old message no longer applies.
        error->hide();
        emit changed();
    });
    m_rows.insert(name, {field, error, required});
    return row;
}

QStringList SchemaForm::fieldNames() const {
    return m_order;
}

QWidget* SchemaForm::field(const QString& name) const {
    return m_rows.value(name).field;
}

QWidget* SchemaForm::editor(const QString& name) const {
    QWidget* f = field(name);
    return f ? f->findChild<QWidget*>(QStringLiteral("editor")) : nullptr;
}

QJsonObject SchemaForm::values() const {
    QJsonObject result;
    for (const QString& name : m_order) {
        const QJsonValue v = m_rows.value(name).field->value();
        if (!v.isUndefined())
            result.insert(name, v);
    }
    return result;
}

QJsonObject SchemaForm::valuesForHistory() const {
    QJsonObject result = values();
    for (const QString& name : secretFields())
        result.remove(name);
    return result;
}

void SchemaForm::setValues(const QJsonObject& values) {
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (SchemaField* f = m_rows.value(it.key()).field)
            f->setValue(it.value());
    }
}

void SchemaForm::resetToDefaults() {
    for (const QString& name : std::as_const(m_order))
        m_rows.value(name).field->resetToDefault();
    clearErrors();
}

QStringList SchemaForm::secretFields() const {
    QStringList names;
    for (const QString& name : m_order) {
        if (m_rows.value(name).field->isSecret())
            names << name;
    }
    return names;
}

QVector<SchemaForm::FieldError> SchemaForm::validate() const {
    QVector<FieldError> errors;
    for (const QString& name : m_order) {
        const QString problem = m_rows.value(name).field->inputProblem();
        if (!problem.isEmpty())
            errors.append({name, QStringLiteral("invalid_input"), problem});
    }
    for (const auto& e : json_schema::validateObject(values(), m_schema, m_document)) {
        // "steps" and "tags.0" both belong to a field; required errors name theirs.
        QString field = e.type == QLatin1String("required") && e.path.isEmpty()
                            ? e.property
                            : e.path.section(QLatin1Char('.'), 0, 0);
        if (!m_rows.contains(field))
            field.clear();
        const bool alreadyReported = std::any_of(errors.begin(), errors.end(), [&](const auto& x) {
            return x.field == field && x.type == QLatin1String("invalid_input");
        });
        if (!alreadyReported)
            errors.append({field, e.type, e.description});
    }
    return errors;
}

bool SchemaForm::validateAndShow() {
    clearErrors();
    const auto errors = validate();
    for (const FieldError& e : errors)
        setFieldError(e.field, e.message);
    if (!errors.isEmpty()) {
        if (QWidget* first = field(errors.first().field))
            first->setFocus();
    }
    return errors.isEmpty();
}

void SchemaForm::setFieldError(const QString& fieldName, const QString& message) {
    auto it = m_rows.find(fieldName);
    QLabel* label = it == m_rows.end() ? m_formError : it->error;
    // isHidden, not isVisible: rows added to a shown form are shown later by the layout.
    const QString existing = label->isHidden() ? QString() : label->text();
    label->setText(existing.isEmpty() ? message : existing + QLatin1Char('\n') + message);
    label->show();
}

QString SchemaForm::fieldError(const QString& fieldName) const {
    auto it = m_rows.find(fieldName);
    if (it == m_rows.end() || it->error->isHidden())
        return {};
    return it->error->text();
}

QString SchemaForm::formError() const {
    return m_formError->isHidden() ? QString() : m_formError->text();
}

void SchemaForm::clearErrors() {
    m_formError->clear();
    m_formError->hide();
    for (const Row& row : std::as_const(m_rows)) {
        row.error->clear();
        row.error->hide();
    }
}

void SchemaForm::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyErrorColors();
}

void SchemaForm::applyErrorColors() {
    // No palette role means "error": pick a red that reads on either theme.
    const QString style = QStringLiteral("color: %1;").arg(errorColor(palette()).name());
    m_formError->setStyleSheet(style);
    for (const Row& row : std::as_const(m_rows))
        row.error->setStyleSheet(style);
}

}  // namespace replicant::widgets
