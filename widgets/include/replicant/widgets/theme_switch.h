#pragma once

#include <QWidget>

#include "replicant/widgets/theme.h"

class QButtonGroup;

namespace replicant::widgets {

// A segmented control (Light | Dark | System) bound to a Theme: clicking a segment sets the
// theme's mode, and the control follows mode changes made elsewhere.
class ThemeSwitch : public QWidget {
    Q_OBJECT

public:
    explicit ThemeSwitch(Theme* theme, QWidget* parent = nullptr);

    Theme::Mode selectedMode() const;

signals:
    // The user picked a mode (not emitted for changes made through the Theme directly), so the
    // caller can persist the choice.
    void modeSelected(replicant::widgets::Theme::Mode mode);

private:
    void select(Theme::Mode mode);

    Theme* m_theme;
    QButtonGroup* m_group;
};

}  // namespace replicant::widgets
