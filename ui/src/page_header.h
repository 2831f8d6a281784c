#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;

namespace replicant::ui {

// The top of a page: a large title, a line of explanation under it, and the page's actions
// (buttons) on the right.
class PageHeader : public QWidget {
    Q_OBJECT

public:
    PageHeader(const QString& title, const QString& subtitle, QWidget* parent = nullptr);

    void addAction(QWidget* action);
    void setSubtitle(const QString& subtitle);

private:
    QLabel* m_title;
    QLabel* m_subtitle;
    QHBoxLayout* m_actions;
};

}  // namespace replicant::ui
