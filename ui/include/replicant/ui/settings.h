#pragma once

#include <QString>

#include <optional>

#include "replicant/ui/client/connection.h"
#include "replicant/widgets/theme.h"

// Where the desktop app keeps its preferences: QSettings(kOrganization, kApplication).
namespace replicant::ui::settings {

inline const QString kOrganization = QStringLiteral("Replicant");
inline const QString kApplication = QStringLiteral("Replicant");

inline const QString kTheme = QStringLiteral("ui/theme");  // "light", "dark" or "system"
inline const QString kGeometry = QStringLiteral("ui/geometry");
// The location last shown: "explore", "model:owner/name", "prediction:<id>"...
inline const QString kPage = QStringLiteral("ui/page");
// The code-snippet language chosen last: "node", "python" or "http".
inline const QString kCodeLanguage = QStringLiteral("ui/codeLanguage");

// The connection chosen in the connection dialog: "connection/kind", "connection/url", and the
// token only when the user asked to remember it ("connection/token", stored as plain text in
// this settings file; the dialog says so).
inline const QString kConnectionKind = QStringLiteral("connection/kind");
inline const QString kConnectionUrl = QStringLiteral("connection/url");
inline const QString kConnectionToken = QStringLiteral("connection/token");

// The saved connection, or `embedded` when none is saved (or the embedded one is). A Replicate
// connection without a saved token takes REPLICATE_API_TOKEN from the environment.
Connection savedConnection(const Connection& embedded);
// Saves the choice; the token only when `rememberToken` (the embedded one's never: the app
// keeps that one itself).
void saveConnection(const Connection& connection, bool rememberToken);
bool hasRememberedToken();

// The theme the user chose last, if any.
std::optional<widgets::Theme::Mode> savedThemeMode();
void saveThemeMode(widgets::Theme::Mode mode);

}  // namespace replicant::ui::settings
