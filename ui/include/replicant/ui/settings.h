#pragma once

#include <QString>

#include <optional>

#include "replicant/widgets/theme.h"

// Where the desktop app keeps its preferences: QSettings(kOrganization, kApplication).
namespace replicant::ui::settings {

inline const QString kOrganization = QStringLiteral("Replicant");
inline const QString kApplication = QStringLiteral("Replicant");

inline const QString kTheme = QStringLiteral("ui/theme");  // "light", "dark" or "system"
inline const QString kGeometry = QStringLiteral("ui/geometry");
// The location last shown: "explore", "model:owner/name", "prediction:<id>"...
inline const QString kPage = QStringLiteral("ui/page");

// The theme the user chose last, if any.
std::optional<widgets::Theme::Mode> savedThemeMode();
void saveThemeMode(widgets::Theme::Mode mode);

}  // namespace replicant::ui::settings
