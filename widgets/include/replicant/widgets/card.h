#pragma once

#include <QWidget>

namespace replicant::widgets {

// A rounded, bordered panel that groups related content on a page. Its colours come from the
// palette (Base fill inside a Window-coloured page, AlternateBase inside a Base one), so it
// follows the theme. The card's contents margins are its padding: give its layout zero margins.
class Card : public QWidget {
    Q_OBJECT

public:
    explicit Card(QWidget* parent = nullptr);

protected:
    void paintEvent(QPaintEvent* event) override;
};

}  // namespace replicant::widgets
