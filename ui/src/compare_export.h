#pragma once

#include <QImage>
#include <QVector>

namespace replicant::ui {

class CompareColumn;

// The comparison as one picture: a header per column (model, version, status, predict time)
// above what its output view shows, side by side, on the palette's base colour.
QImage renderComparison(const QVector<CompareColumn*>& columns);

}  // namespace replicant::ui
