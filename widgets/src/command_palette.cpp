#include "replicant/widgets/command_palette.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>

namespace replicant::widgets {

namespace {
constexpr int kBoxWidth = 620;
constexpr int kKeyRole = Qt::UserRole + 1;

bool isBoundary(QChar c) {
    return c == QLatin1Char('/') || c == QLatin1Char('-') || c == QLatin1Char('_') ||
           c == QLatin1Char(' ') || c == QLatin1Char('.') || c == QLatin1Char(':');
}
}  // namespace

int CommandPalette::fuzzyScore(const QString& pattern, const QString& text) {
    if (pattern.isEmpty())
        return 0;
    const QString p = pattern.toLower();
    const QString t = text.toLower();
    // A plain substring is the best kind of match: score it above any scattered one.
    const qsizetype at = t.indexOf(p);
    if (at >= 0)
        return 1000 - int(at) * 2 - int(t.size() - p.size()) / 4 +
               (at == 0 || isBoundary(t[at - 1]) ? 200 : 0);
    int score = 0;
    qsizetype ti = 0;
    qsizetype last = -2;
    for (const QChar c : p) {
        if (c == QLatin1Char(' '))
            continue;
        while (ti < t.size() && t[ti] != c)
            ++ti;
        if (ti == t.size())
            return -1;
        if (ti == last + 1)
            score += 15;  // consecutive
        else if (last >= 0)
            score -= std::min<int>(10, int(ti - last));  // a gap
        if (ti == 0 || isBoundary(t[ti - 1]))
            score += 25;  // a word start
        last = ti;
        ++ti;
    }
    return std::max(1, 100 + score - int(t.size()) / 8);
}

CommandPalette::CommandPalette(QWidget* window)
    : QWidget(window),
      m_box(new QWidget(this)),
      m_query(new QLineEdit(m_box)),
      m_list(new QListWidget(m_box)),
      m_hint(new QLabel(m_box)) {
    setObjectName(QStringLiteral("commandPalette"));
    m_box->setObjectName(QStringLiteral("paletteBox"));
    m_box->setAutoFillBackground(true);
    m_box->setBackgroundRole(QPalette::Base);
    m_query->setObjectName(QStringLiteral("paletteQuery"));
    m_query->setPlaceholderText(tr("Go to a model, a page or a prediction\u2026"));
    m_query->setFrame(false);
    QFont big = m_query->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_query->setFont(big);
    m_query->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setUniformItemSizes(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setText(tr("\u2191\u2193 to move \u00b7 Enter to open \u00b7 Esc to close"));
    connect(m_query, &QLineEdit::textChanged, this, &CommandPalette::refilter);
    connect(m_list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { choose(m_list->row(item)); });
    auto* layout = new QVBoxLayout(m_box);
    layout->setContentsMargins(14, 12, 14, 10);
    layout->setSpacing(8);
    layout->addWidget(m_query);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_hint);
    window->installEventFilter(this);
    hide();
}

void CommandPalette::setEntries(const QVector<Entry>& entries) {
    m_entries = entries;
    refilter();
}

void CommandPalette::addEntries(const QVector<Entry>& entries) {
    for (const Entry& e : entries) {
        auto known = std::find_if(m_entries.begin(), m_entries.end(),
                                  [&](const Entry& x) { return x.key == e.key; });
        if (known != m_entries.end())
            *known = e;
        else
            m_entries.append(e);
    }
    // Keep the user's place in the list while entries arrive.
    const QString current =
        m_list->currentItem() ? m_list->currentItem()->data(kKeyRole).toString() : QString();
    refilter();
    const int row = int(shownKeys().indexOf(current));
    if (row > 0)
        m_list->setCurrentRow(row);
}

void CommandPalette::open() {
    m_query->clear();
    refilter();
    place();
    show();
    raise();
    m_query->setFocus(Qt::ShortcutFocusReason);
}

void CommandPalette::close() {
    if (isHidden())
        return;
    hide();
    emit closed();
}

QStringList CommandPalette::shownKeys() const {
    QStringList keys;
    for (int i = 0; i < m_list->count(); ++i)
        keys << m_list->item(i)->data(kKeyRole).toString();
    return keys;
}

void CommandPalette::refilter() {
    struct Scored {
        const Entry* entry;
        int score;
    };
    QVector<Scored> scored;
    const QString query = m_query->text().trimmed();
    for (const Entry& e : std::as_const(m_entries)) {
        int score = fuzzyScore(query, e.title);
        // The title matters most, then the subtitle, then the kind ("pred" finds predictions).
        const int subtitle = fuzzyScore(query, e.subtitle);
        if (subtitle >= 0)
            score = std::max(score, subtitle / 2);
        const int category = fuzzyScore(query, e.category);
        if (category >= 0)
            score = std::max(score, category / 4);
        if (score >= 0)
            scored.append({&e, score});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        if (a.score != b.score)
            return a.score > b.score;
        return a.entry->priority > b.entry->priority;
    });
    m_list->clear();
    for (qsizetype i = 0; i < scored.size() && i < kMaxShown; ++i) {
        const Entry& e = *scored[i].entry;
        QString text = e.title;
        if (!e.subtitle.isEmpty())
            text += QStringLiteral("   \u2014   ") + e.subtitle;
        auto* item =
            new QListWidgetItem(QStringLiteral("%1  \u00b7  %2").arg(e.category, text), m_list);
        item->setData(kKeyRole, e.key);
        item->setToolTip(e.key);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void CommandPalette::choose(int row) {
    if (row < 0 || row >= m_list->count())
        return;
    const QString key = m_list->item(row)->data(kKeyRole).toString();
    close();
    emit chosen(key);
}

void CommandPalette::place() {
    QWidget* window = parentWidget();
    setGeometry(window->rect());
    const int width = std::min(kBoxWidth, window->width() - 40);
    const int height = std::min(420, window->height() - 120);
    m_box->setGeometry((window->width() - width) / 2, 70, width, height);
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        place();
    if (watched != m_query || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    const bool ctrl = key->modifiers() & Qt::ControlModifier;
    const int row = m_list->currentRow();
    if (key->key() == Qt::Key_Down || (ctrl && key->key() == Qt::Key_N)) {
        m_list->setCurrentRow(std::min(row + 1, m_list->count() - 1));
    } else if (key->key() == Qt::Key_Up || (ctrl && key->key() == Qt::Key_P)) {
        m_list->setCurrentRow(std::max(row - 1, 0));
    } else if (key->key() == Qt::Key_PageDown) {
        m_list->setCurrentRow(std::min(row + 8, m_list->count() - 1));
    } else if (key->key() == Qt::Key_PageUp) {
        m_list->setCurrentRow(std::max(row - 8, 0));
    } else if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
        choose(row);
    } else if (key->key() == Qt::Key_Escape) {
        close();
    } else {
        return QWidget::eventFilter(watched, event);
    }
    return true;
}

void CommandPalette::paintEvent(QPaintEvent*) {
    // Dim the window behind, and draw the box's border and shadow.
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0, 0, 0, 90));
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(m_box->geometry()).adjusted(-1.5, -1.5, 1.5, 1.5);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawRoundedRect(box, 8, 8);
}

void CommandPalette::mousePressEvent(QMouseEvent* event) {
    // A click outside the box closes the palette.
    if (!m_box->geometry().contains(event->position().toPoint()))
        close();
}

}  // namespace replicant::widgets
