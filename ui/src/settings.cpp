#include "replicant/ui/settings.h"

#include <QSettings>

namespace replicant::ui::settings {

std::optional<widgets::Theme::Mode> savedThemeMode() {
    const QSettings store(kOrganization, kApplication);
    return widgets::Theme::modeFromName(store.value(kTheme).toString());
}

void saveThemeMode(widgets::Theme::Mode mode) {
    QSettings store(kOrganization, kApplication);
    store.setValue(kTheme, widgets::Theme::modeName(mode));
}

}  // namespace replicant::ui::settings
