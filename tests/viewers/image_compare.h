#pragma once

#include <QImage>
#include <QString>

namespace replicant::tests {

// How two renders differ: pixels with a channel off by more than the tolerance, and the mean
// absolute channel difference over the whole image (0..255).
struct ImageDiff {
    qint64 differingPixels = 0;
    double meanDelta = 0;
    QImage diff;  // red where pixels differ
};

ImageDiff compareImages(const QImage& actual, const QImage& expected, int channelTolerance);

// Compares a render with tests/viewers/baselines/NAME.png, allowing for the small differences
// between OpenGL drivers (antialiasing, rounding): at most 0.5% of pixels off by more than 40
// in a channel, and a mean difference under 2. Returns an empty string when it matches, else
// why not; the actual image and a diff are then written to the working directory. With
// REPLICANT_UPDATE_BASELINES=1 it rewrites the baseline instead (review and commit it).
QString matchesBaseline(const QImage& actual, const QString& name);

}  // namespace replicant::tests
