#pragma once

#include <QWidget>

namespace replicant::ui {

// A page of the main window that loads its content over the network. It says when the content
// (or an error in its place) is on screen, so screenshots and tests know when to look.
class Page : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

    // Whether the last load has ended, with content or with an error shown in place.
    bool isReady() const { return m_ready; }

signals:
    // The last load ended (emitted once per load).
    void ready();

protected:
    void setLoading() { m_ready = false; }
    void setReady() {
        if (m_ready)
            return;
        m_ready = true;
        emit ready();
    }

private:
    bool m_ready = false;
};

}  // namespace replicant::ui
