#pragma once

#include <QString>

namespace replicant::ui {
class MainWindow;
}

namespace replicant::app {

// --screenshot: once the page shown has loaded (its content or its error in place) and settled,
// renders the window to `path` (PNG) and exits the event loop (1 when it could not).
void scheduleScreenshot(ui::MainWindow& window, const QString& path);

}  // namespace replicant::app
