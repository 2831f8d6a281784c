#pragma once

class QWidget;

namespace replicant::app {

// With REPLICANT_STARTUP_PROBE set, prints (to stderr) the time from process start (as the
// kernel counts it, so loading the libraries is included) to the window's first paint, and the
// resident memory then and a few seconds later, idle; with REPLICANT_STARTUP_PROBE=exit it then
// quits. For bench/startup.sh.
void installStartupProbe(QWidget* window);

}  // namespace replicant::app
