#include "image_compare.h"

#include <QDir>

#include <algorithm>
#include <cstdlib>

namespace replicant::tests {

namespace {
constexpr int kTolerance = 40;
constexpr double kMaxDifferingShare = 0.005;
constexpr double kMaxMeanDelta = 2.0;

QString baselinePath(const QString& name) {
    return QStringLiteral(REPLICANT_VIEWER_TEST_DIR "/baselines/%1.png").arg(name);
}
}  // namespace

ImageDiff compareImages(const QImage& actualIn, const QImage& expectedIn, int channelTolerance) {
    const QImage actual = actualIn.convertToFormat(QImage::Format_RGB32);
    const QImage expected = expectedIn.convertToFormat(QImage::Format_RGB32);
    ImageDiff d;
    d.diff = QImage(actual.size(), QImage::Format_RGB32);
    d.diff.fill(Qt::white);
    double total = 0;
    for (int y = 0; y < actual.height(); ++y) {
        const auto* a = reinterpret_cast<const QRgb*>(actual.constScanLine(y));
        const auto* e = reinterpret_cast<const QRgb*>(expected.constScanLine(y));
        for (int x = 0; x < actual.width(); ++x) {
            const int dr = std::abs(qRed(a[x]) - qRed(e[x]));
            const int dg = std::abs(qGreen(a[x]) - qGreen(e[x]));
            const int db = std::abs(qBlue(a[x]) - qBlue(e[x]));
            total += dr + dg + db;
            if (std::max({dr, dg, db}) > channelTolerance) {
                ++d.differingPixels;
                d.diff.setPixel(x, y, qRgb(255, 0, 0));
            }
        }
    }
    d.meanDelta = total / (3.0 * std::max<qint64>(1, qint64(actual.width()) * actual.height()));
    return d;
}

QString matchesBaseline(const QImage& actual, const QString& name) {
    const QString path = baselinePath(name);
    if (qEnvironmentVariableIntValue("REPLICANT_UPDATE_BASELINES") == 1) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        return actual.save(path) ? QString() : QStringLiteral("cannot write %1").arg(path);
    }
    const QImage expected(path);
    if (expected.isNull())
        return QStringLiteral("no baseline %1 (run with REPLICANT_UPDATE_BASELINES=1 to write it)")
            .arg(path);
    if (expected.size() != actual.size())
        return QStringLiteral("size %1x%2, baseline %3x%4")
            .arg(actual.width())
            .arg(actual.height())
            .arg(expected.width())
            .arg(expected.height());
    const ImageDiff d = compareImages(actual, expected, kTolerance);
    const double share = double(d.differingPixels) / (double(actual.width()) * actual.height());
    if (share <= kMaxDifferingShare && d.meanDelta < kMaxMeanDelta)
        return {};
    const QString actualPath = QDir::current().filePath(name + QStringLiteral("-actual.png"));
    const QString diffPath = QDir::current().filePath(name + QStringLiteral("-diff.png"));
    actual.save(actualPath);
    d.diff.save(diffPath);
    return QStringLiteral(
               "%1 differs from its baseline: %2 pixels (%3%) off by more than %4, mean "
               "difference %5; see %6 and %7")
        .arg(name)
        .arg(d.differingPixels)
        .arg(share * 100, 0, 'f', 2)
        .arg(kTolerance)
        .arg(d.meanDelta, 0, 'f', 2)
        .arg(actualPath, diffPath);
}

}  // namespace replicant::tests
