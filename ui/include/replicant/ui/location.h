#pragma once

#include <QString>

// Places in the desktop app, as strings: "explore", "predictions", "account",
// "model:owner/name", "prediction:<id>" ("prediction:<id>#compare": its before/after view),
// "compare" and "compare:<saved comparison's name>". Deep links, the command line, the command palette,
// Back and the restore at start-up all speak them.
namespace replicant::ui {

// Whether `place` is well-formed (the model or prediction may still not exist).
bool isLocation(const QString& place);

// The location of a deep link: "replicant://predictions/<id>",
// "replicant://models/<owner>/<name>", or a bare prediction id. Empty when it is none of them.
QString locationFromLink(const QString& link);

}  // namespace replicant::ui
