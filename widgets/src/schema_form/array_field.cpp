#include "array_field.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "replicant/widgets/json_schema.h"

namespace replicant::widgets {

ArrayField::ArrayField(const QString& name, const QJsonObject& schema, const QJsonObject& document,
                       QWidget* parent)
    : SchemaField(name, schema, parent),
      m_itemSchema(json_schema::resolve(schema.value(QLatin1String("items")).toObject(), document)),
      m_document(document),
      m_rows(new QVBoxLayout),
      m_add(new QPushButton(tr("Add item"), this)) {
    m_add->setObjectName(QStringLiteral("addItem"));
    connect(m_add, &QPushButton::clicked, this, [this] {
        if (SchemaField* item = addItem())
            item->setFocus();
    });
    m_rows->setContentsMargins(0, 0, 0, 0);
    m_rows->setSpacing(6);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(m_rows);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    setFocusProxy(m_add);
    resetToDefault();
}

SchemaField* ArrayField::addItem() {
    auto* row = new QWidget(this);
    auto* rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->setSpacing(6);
    // Items are required within their array: an "unset" item would be meaningless.
    SchemaField* item = createSchemaField(QStringLiteral("%1.%2").arg(name()).arg(m_items.size()),
                                          m_itemSchema, true, m_document, row);
    auto* remove = new QToolButton(row);
    remove->setObjectName(QStringLiteral("removeItem"));
    remove->setText(QStringLiteral("\u2715"));
    remove->setToolTip(tr("Remove this item"));
    remove->setAutoRaise(true);
    connect(remove, &QToolButton::clicked, this, [this, item] { removeItem(item); });
    connect(item, &SchemaField::changed, this, &SchemaField::changed);
    rowLayout->addWidget(item, 1);
    rowLayout->addWidget(remove, 0, Qt::AlignTop);
    m_rows->addWidget(row);
    m_items.append(item);
    emit changed();
    return item;
}

void ArrayField::removeItem(SchemaField* item) {
    const qsizetype index = m_items.indexOf(item);
    if (index < 0)
        return;
    m_items.removeAt(index);
    item->parentWidget()->deleteLater();
    item->parentWidget()->hide();
    emit changed();
}

QJsonValue ArrayField::value() const {
    QJsonArray values;
    for (const SchemaField* item : m_items) {
        const QJsonValue v = item->value();
        if (!v.isUndefined())
            values.append(v);
    }
    return values.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(values);
}

void ArrayField::setValue(const QJsonValue& value) {
    while (!m_items.isEmpty())
        removeItem(m_items.constLast());
    for (const QJsonValue& each : value.toArray())
        addItem()->setValue(each);
}

QString ArrayField::inputProblem() const {
    for (const SchemaField* item : m_items) {
        const QString problem = item->inputProblem();
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

QString ArrayField::typeHint() const {
    if (m_itemSchema.value(QLatin1String("format")).toString() == QLatin1String("uri"))
        return tr("list of files or URLs");
    const QString type = json_schema::typeOf(m_itemSchema);
    return type.isEmpty() ? tr("list") : tr("list of %1").arg(type);
}

}  // namespace replicant::widgets
