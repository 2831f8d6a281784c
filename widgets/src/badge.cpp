#include "replicant/widgets/badge.h"

#include <QPainter>
#include <QTimerEvent>

#include <cmath>

namespace replicant::widgets {

namespace {
constexpr int kPadX = 9;
constexpr int kPadY = 3;
constexpr int kDot = 7;
constexpr int kDotGap = 6;

bool isDark(const QPalette& p) {
    return p.color(QPalette::Window).lightness() < 128;
}

QColor baseColor(Badge::Tone tone, const QPalette& p) {
    const bool dark = isDark(p);
    switch (tone) {
        case Badge::Tone::Info:
            return dark ? QColor(0x6e, 0xa8, 0xff) : QColor(0x1f, 0x5f, 0xd6);
        case Badge::Tone::Success:
            return dark ? QColor(0x4a, 0xc2, 0x6b) : QColor(0x1a, 0x7f, 0x37);
        case Badge::Tone::Warning:
            return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
        case Badge::Tone::Danger:
            return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc4, 0x1d, 0x2a);
        case Badge::Tone::Neutral:
            break;
    }
    return p.color(QPalette::PlaceholderText);
}
}  // namespace

Badge::Badge(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("badge"));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

QColor Badge::foreground(Tone tone, const QPalette& palette) {
    return baseColor(tone, palette);
}

QColor Badge::fill(Tone tone, const QPalette& palette) {
    QColor c = baseColor(tone, palette);
    c.setAlphaF(isDark(palette) ? 0.20 : 0.12);
    return c;
}

void Badge::set(const QString& text, Tone tone, bool busy) {
    m_text = text;
    m_tone = tone;
    m_busy = busy;
    setAccessibleName(text);
    if (busy && !m_timer)
        m_timer = startTimer(80);
    else if (!busy && m_timer) {
        killTimer(m_timer);
        m_timer = 0;
    }
    updateGeometry();
    update();
}

QSize Badge::sizeHint() const {
    const QFontMetrics fm(font());
    return {fm.horizontalAdvance(m_text) + 2 * kPadX + kDot + kDotGap, fm.height() + 2 * kPadY};
}

int Badge::paint(QPainter* painter, const QRect& rect, const QString& text, Tone tone,
                 const QPalette& palette, const QFont& font) {
    const QFontMetrics fm(font);
    const int width = fm.horizontalAdvance(text) + 2 * kPadX + kDot + kDotGap;
    const int height = std::min(rect.height(), fm.height() + 2 * kPadY);
    const QRectF pill(rect.left() + 0.5, rect.center().y() - height / 2.0 + 0.5, width - 1,
                      height - 1);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill(tone, palette));
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setBrush(foreground(tone, palette));
    painter->drawEllipse(
        QRectF(pill.left() + kPadX - 1, pill.center().y() - kDot / 2.0, kDot, kDot));
    painter->setPen(foreground(tone, palette));
    painter->setFont(font);
    painter->drawText(pill.adjusted(kPadX + kDot + kDotGap - 1, 0, 0, 0),
                      Qt::AlignVCenter | Qt::AlignLeft, text);
    painter->restore();
    return width;
}

void Badge::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (m_text.isEmpty())
        return;
    paint(&painter, rect(), m_text, m_tone, palette(), font());
    if (m_busy) {
        // A pulsing halo around the dot while the state is in progress.
        const QFontMetrics fm(font());
        const int height = std::min(rect().height(), fm.height() + 2 * kPadY);
        const QPointF centre(kPadX - 1 + kDot / 2.0 + 0.5,
                             rect().center().y() - height / 2.0 + height / 2.0 + 0.5);
        const double t = (m_phase % 12) / 12.0;
        QColor halo = foreground(m_tone, palette());
        halo.setAlphaF(0.45 * (1.0 - t));
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(halo, 1.5));
        painter.setBrush(Qt::NoBrush);
        const double r = kDot / 2.0 + 1 + 3 * t;
        painter.drawEllipse(centre, r, r);
    }
}

void Badge::timerEvent(QTimerEvent* event) {
    if (event->timerId() != m_timer)
        return QWidget::timerEvent(event);
    ++m_phase;
    update();
}

}  // namespace replicant::widgets
