// The two palettes of the Theme, kept apart from the switching logic so they can be tuned alone.
#include <QColor>
#include <QPalette>

#include <initializer_list>
#include <utility>

#include "replicant/widgets/theme.h"

namespace replicant::widgets {

namespace {
using Role = QPalette::ColorRole;
using Entry = std::pair<Role, const char*>;

struct PaletteSpec {
    std::initializer_list<Entry> active;    // used for Active and Inactive
    std::initializer_list<Entry> disabled;  // overrides for Disabled
};

QPalette build(const PaletteSpec& spec) {
    QPalette p;
    for (const auto& [role, color] : spec.active)
        p.setColor(role, QColor(color));  // sets all three groups
    for (const auto& [role, color] : spec.disabled)
        p.setColor(QPalette::Disabled, role, QColor(color));
    return p;
}
}  // namespace

QPalette Theme::lightPalette() {
    return build({
        {
            {Role::Window, "#f4f5f7"},
            {Role::WindowText, "#1f2328"},
            {Role::Base, "#ffffff"},
            {Role::AlternateBase, "#f0f2f5"},
            {Role::ToolTipBase, "#2b2f36"},
            {Role::ToolTipText, "#ffffff"},
            {Role::PlaceholderText, "#8b929b"},
            {Role::Text, "#1f2328"},
            {Role::Button, "#f8f9fa"},
            {Role::ButtonText, "#1f2328"},
            {Role::BrightText, "#ffffff"},
            {Role::Light, "#ffffff"},
            {Role::Midlight, "#eceef1"},
            {Role::Mid, "#c9ced6"},
            {Role::Dark, "#a0a7b1"},
            {Role::Shadow, "#6b7280"},
            {Role::Highlight, "#2f6fed"},
            {Role::HighlightedText, "#ffffff"},
            {Role::Link, "#1f5fd6"},
            {Role::LinkVisited, "#6f42c1"},
        },
        {
            {Role::WindowText, "#a0a6ae"},
            {Role::Text, "#a0a6ae"},
            {Role::ButtonText, "#a0a6ae"},
            {Role::Highlight, "#c9ced6"},
            {Role::Base, "#f4f5f7"},
        },
    });
}

QPalette Theme::darkPalette() {
    return build({
        {
            {Role::Window, "#212327"},
            {Role::WindowText, "#e3e5e8"},
            {Role::Base, "#18191c"},
            {Role::AlternateBase, "#26282c"},
            {Role::ToolTipBase, "#33363c"},
            {Role::ToolTipText, "#e3e5e8"},
            {Role::PlaceholderText, "#80868f"},
            {Role::Text, "#e3e5e8"},
            {Role::Button, "#2d3035"},
            {Role::ButtonText, "#e3e5e8"},
            {Role::BrightText, "#ffffff"},
            {Role::Light, "#3d4046"},
            {Role::Midlight, "#34373c"},
            {Role::Mid, "#1d1f22"},
            {Role::Dark, "#141518"},
            {Role::Shadow, "#0a0a0b"},
            {Role::Highlight, "#3b7cf0"},
            {Role::HighlightedText, "#ffffff"},
            {Role::Link, "#6ea8ff"},
            {Role::LinkVisited, "#b28cff"},
        },
        {
            {Role::WindowText, "#6b7078"},
            {Role::Text, "#6b7078"},
            {Role::ButtonText, "#6b7078"},
            {Role::Button, "#26282c"},
            {Role::Highlight, "#3d4046"},
            {Role::Base, "#212327"},
        },
    });
}

}  // namespace replicant::widgets
