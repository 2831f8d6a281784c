#include "replicant/ui/settings.h"

#include <QSettings>

namespace replicant::ui::settings {

std::optional<widgets::Theme::Mode> savedThemeMode() {
    const QSettings store(kOrganization, kApplication);
    return widgets::Theme::modeFromName(store.value(kTheme).toString());
}

Connection savedConnection(const Connection& embedded) {
    const QSettings store(kOrganization, kApplication);
    const auto kind = Connection::kindFromName(store.value(kConnectionKind).toString());
    if (!kind || *kind == Connection::Kind::Embedded)
        return embedded;
    Connection connection;
    connection.kind = *kind;
    connection.baseUrl = *kind == Connection::Kind::Replicate
                             ? Connection::replicateUrl()
                             : Connection::parseBaseUrl(store.value(kConnectionUrl).toString());
    if (connection.baseUrl.isEmpty())
        return embedded;
    connection.token = store.value(kConnectionToken).toString();
    if (connection.token.isEmpty() && *kind == Connection::Kind::Replicate)
        connection.token = qEnvironmentVariable("REPLICATE_API_TOKEN");
    return connection;
}

void saveConnection(const Connection& connection, bool rememberToken) {
    QSettings store(kOrganization, kApplication);
    store.setValue(kConnectionKind, Connection::kindName(connection.kind));
    if (connection.kind == Connection::Kind::Remote)
        store.setValue(kConnectionUrl, connection.baseUrl.toString());
    if (rememberToken && connection.kind != Connection::Kind::Embedded)
        store.setValue(kConnectionToken, connection.token);
    else
        store.remove(kConnectionToken);
}

bool hasRememberedToken() {
    const QSettings store(kOrganization, kApplication);
    return !store.value(kConnectionToken).toString().isEmpty();
}

void saveThemeMode(widgets::Theme::Mode mode) {
    QSettings store(kOrganization, kApplication);
    store.setValue(kTheme, widgets::Theme::modeName(mode));
}

}  // namespace replicant::ui::settings
