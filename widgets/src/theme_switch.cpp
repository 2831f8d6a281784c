#include "replicant/widgets/theme_switch.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QToolButton>

namespace replicant::widgets {

namespace {
struct Segment {
    Theme::Mode mode;
    const char* text;
    const char* toolTip;
};

constexpr Segment kSegments[] = {
    {Theme::Mode::Light, QT_TRANSLATE_NOOP("ThemeSwitch", "Light"),
     QT_TRANSLATE_NOOP("ThemeSwitch", "Use the light theme")},
    {Theme::Mode::Dark, QT_TRANSLATE_NOOP("ThemeSwitch", "Dark"),
     QT_TRANSLATE_NOOP("ThemeSwitch", "Use the dark theme")},
    {Theme::Mode::System, QT_TRANSLATE_NOOP("ThemeSwitch", "System"),
     QT_TRANSLATE_NOOP("ThemeSwitch", "Follow the system's light or dark setting")},
};
}  // namespace

ThemeSwitch::ThemeSwitch(Theme* theme, QWidget* parent)
    : QWidget(parent), m_theme(theme), m_group(new QButtonGroup(this)) {
    Q_ASSERT(theme);
    setObjectName(QStringLiteral("themeSwitch"));
    setAccessibleName(tr("Theme"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_group->setExclusive(true);
    for (const Segment& segment : kSegments) {
        auto* button = new QToolButton(this);
        button->setText(tr(segment.text));
        button->setToolTip(tr(segment.toolTip));
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setObjectName(QStringLiteral("theme-") + Theme::modeName(segment.mode));
        m_group->addButton(button, static_cast<int>(segment.mode));
        layout->addWidget(button);
    }
    select(theme->mode());
    connect(m_group, &QButtonGroup::idClicked, this, [this](int id) {
        const auto mode = static_cast<Theme::Mode>(id);
        m_theme->setMode(mode);
        emit modeSelected(mode);
    });
    connect(theme, &Theme::modeChanged, this, &ThemeSwitch::select);
}

Theme::Mode ThemeSwitch::selectedMode() const {
    return static_cast<Theme::Mode>(m_group->checkedId());
}

void ThemeSwitch::select(Theme::Mode mode) {
    if (QAbstractButton* button = m_group->button(static_cast<int>(mode)))
        button->setChecked(true);
}

}  // namespace replicant::widgets
