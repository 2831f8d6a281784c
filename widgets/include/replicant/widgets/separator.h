#pragma once

#include <QWidget>

namespace replicant::widgets {

// A one-pixel divider line: the palette's Mid colour, or Dark in a dark palette (where Mid is
// barely darker than the window).
class Separator : public QWidget {
    Q_OBJECT

public:
    explicit Separator(Qt::Orientation orientation, QWidget* parent = nullptr);

protected:
    void paintEvent(QPaintEvent* event) override;
};

}  // namespace replicant::widgets
