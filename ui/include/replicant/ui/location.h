#pragma once

#include <QString>

// Places in the desktop app, as strings: "explore", "predictions", "account", "runners",
// "model:owner/name", "prediction:<id>" ("prediction:<id>#compare": its before/after view),
// "compare" and "compare:<saved comparison's name>". Deep links, the command line, the command
// palette, Back and the restore at start-up all speak them.
namespace replicant::ui {

// Whether `place` is well-formed (the model or prediction may still not exist).
bool isLocation(const QString& place);

// The location of a deep link: "replicant://predictions/<id>",
// "replicant://models/<owner>/<name>", or a bare prediction id. Empty when it is none of them.
QString locationFromLink(const QString& link);

// A model or prediction location may end in "?code=<language>" ("model:o/n?code=python",
// replicant://models/o/n?code=python): that page with its code tab open in that language
// ("node", "python", "http"). Locations without it mean what they always meant.
// The language of `location`, or empty.
QString codeLanguage(const QString& location);
// `location` without its "?code=..." part.
QString withoutCode(const QString& location);
// `location` (its "?code=" and "#..." parts replaced) showing code in `language`; without code
// when `language` is empty or unknown. Unchanged for places that have no code tab.
QString withCode(const QString& location, const QString& language);

}  // namespace replicant::ui
