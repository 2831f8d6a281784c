#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace replicant::ui {

// Renders a monochrome SVG from the resources (":/replicant/icons/NAME.svg") in `color` (and in
// `selected` for the Selected mode, when valid), so icons follow the theme's colours.
QIcon tintedIcon(const QString& name, const QColor& color, const QColor& selected = {});

// The full-colour application logo.
QIcon appIcon();

}  // namespace replicant::ui
