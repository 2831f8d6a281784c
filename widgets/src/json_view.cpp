#include "replicant/widgets/json_view.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>

namespace replicant::widgets {

namespace {
constexpr int kValueRole = Qt::UserRole + 1;

QString shortened(const QString& text) {
    if (text.size() <= JsonView::kMaxShownChars)
        return text;
    return text.left(JsonView::kMaxShownChars) +
           QObject::tr("\u2026 (%1 characters)").arg(text.size());
}

QString summary(const QJsonValue& value) {
    if (value.isObject())
        return QObject::tr("{%n keys}", nullptr, int(value.toObject().size()));
    if (value.isArray())
        return QObject::tr("[%n items]", nullptr, int(value.toArray().size()));
    return shortened(JsonView::toText(value));
}
}  // namespace

JsonView::JsonView(QWidget* parent) : QTreeWidget(parent) {
    setObjectName(QStringLiteral("jsonView"));
    setColumnCount(2);
    setHeaderLabels({tr("Key"), tr("Value")});
    header()->setSectionResizeMode(0, QHeaderView::Interactive);
    header()->setStretchLastSection(true);
    header()->resizeSection(0, 220);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &JsonView::showMenu);
}

QString JsonView::toText(const QJsonValue& value, bool indented) {
    const auto format = indented ? QJsonDocument::Indented : QJsonDocument::Compact;
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(format)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(format)).trimmed();
    if (value.isUndefined())
        return {};
    // Scalars: serialise inside an array and strip the brackets.
    const QString text =
        QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

void JsonView::setJson(const QJsonValue& value) {
    m_value = value;
    clear();
    if (value.isObject() || value.isArray()) {
        addChildren(invisibleRootItem(), value);
    } else if (!value.isUndefined()) {
        addTopLevelItem(makeItem(QString(), value));
    }
    expandToLevel(1);
}

void JsonView::expandToLevel(int depth) {
    collapseAll();
    if (depth > 0)
        expandToDepth(depth - 1);
}

QTreeWidgetItem* JsonView::makeItem(const QString& key, const QJsonValue& value) {
    auto* item = new QTreeWidgetItem({key, summary(value)});
    item->setData(0, kValueRole, QVariant::fromValue(value));
    if (value.isString() && value.toString().size() <= 2000)
        item->setToolTip(1, value.toString());
    if (value.isObject() || value.isArray())
        item->setForeground(1, palette().brush(QPalette::PlaceholderText));
    addChildren(item, value);
    return item;
}

void JsonView::addChildren(QTreeWidgetItem* parent, const QJsonValue& value) {
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            parent->addChild(makeItem(it.key(), it.value()));
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            parent->addChild(makeItem(QString::number(i), array.at(i)));
    }
}

void JsonView::showMenu(const QPoint& pos) {
    QTreeWidgetItem* item = itemAt(pos);
    QMenu menu(this);
    if (item) {
        const QJsonValue value = item->data(0, kValueRole).value<QJsonValue>();
        menu.addAction(tr("Copy value"), this, [value] {
            QApplication::clipboard()->setText(value.isString() ? value.toString()
                                                                : toText(value, true));
        });
    }
    menu.addAction(tr("Copy all as JSON"), this,
                   [this] { QApplication::clipboard()->setText(toText(m_value, true)); });
    menu.addSeparator();
    menu.addAction(tr("Expand all"), this, &QTreeView::expandAll);
    menu.addAction(tr("Collapse all"), this, &QTreeView::collapseAll);
    menu.exec(viewport()->mapToGlobal(pos));
}

}  // namespace replicant::widgets
