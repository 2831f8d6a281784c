#pragma once

#include <QWidget>

namespace replicant::widgets {

// A small rounded label ("pill") that tells a state at a glance: its tone picks the colours,
// which suit both the light and the dark palette. An animated dot marks a busy state.
class Badge : public QWidget {
    Q_OBJECT

public:
    enum class Tone { Neutral, Info, Success, Warning, Danger };
    Q_ENUM(Tone)

    explicit Badge(QWidget* parent = nullptr);

    void set(const QString& text, Tone tone, bool busy = false);
    QString text() const { return m_text; }
    Tone tone() const { return m_tone; }
    bool isBusy() const { return m_busy; }

    // The foreground and fill of a tone on a palette (also for delegates that paint badges).
    static QColor foreground(Tone tone, const QPalette& palette);
    static QColor fill(Tone tone, const QPalette& palette);
    // Paints a badge into `rect` (left-aligned, its natural width); returns the width used.
    static int paint(QPainter* painter, const QRect& rect, const QString& text, Tone tone,
                     const QPalette& palette, const QFont& font);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;
    void timerEvent(QTimerEvent* event) override;

private:
    QString m_text;
    Tone m_tone = Tone::Neutral;
    bool m_busy = false;
    int m_timer = 0;
    int m_phase = 0;
};

}  // namespace replicant::widgets
