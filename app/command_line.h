#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <variant>

#include "replicant/widgets/theme.h"

namespace replicant::app {

struct CommandLine {
    std::uint16_t port = 0;
    QString dataDir;                            // empty: the backend's default
    QString screenshot;                         // render the window to this PNG and exit
    std::optional<widgets::Theme::Mode> theme;  // overrides the saved theme for this run
    // What to show first (--page, --open or a replicant:// link): "explore", "predictions",
    // "account", "model:owner/name" or "prediction:<id>". Empty: restore the last one.
    QString location;
};

// Parses argv before any QApplication exists, so --help and --version work without a display.
// Returns the options, or the exit code after printing help, the version or a usage error.
std::variant<CommandLine, int> parseCommandLine(int argc, char** argv);

}  // namespace replicant::app
