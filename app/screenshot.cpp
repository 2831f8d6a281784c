#include "screenshot.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

#include "replicant/ui/main_window.h"
#include "replicant/ui/page.h"

namespace replicant::app {

namespace {
// How long the screenshot waits for the page, and then for the UI to settle (images decode,
// the example output loads, animations stop).
constexpr int kScreenshotTimeoutMs = 20'000;
constexpr int kScreenshotSettleMs = 900;
const QSize kScreenshotSize(1100, 720);
}  // namespace

void scheduleScreenshot(ui::MainWindow& window, const QString& path) {
    window.resize(kScreenshotSize);
    auto capture = [&window, path] {
        const bool saved = window.grab().save(path, "PNG");
        if (!saved)
            std::fprintf(stderr, "replicant: cannot write the screenshot %s\n", qPrintable(path));
        QCoreApplication::exit(saved ? 0 : 1);
    };
    // Waits for the page of the location shown once the event loop runs (a restore or --page
    // may have changed it after this call).
    QTimer::singleShot(0, &window, [&window, capture] {
        auto* page = qobject_cast<ui::Page*>(window.page(window.currentPageId()));
        if (!page || page->isReady()) {
            QTimer::singleShot(kScreenshotSettleMs, &window, capture);
            return;
        }
        QObject::connect(page, &ui::Page::ready, &window, [&window, capture] {
            static bool scheduled = false;
            if (scheduled)
                return;
            scheduled = true;
            QTimer::singleShot(kScreenshotSettleMs, &window, capture);
        });
    });
    QTimer::singleShot(kScreenshotTimeoutMs, &window, [] {
        std::fprintf(stderr, "replicant: the page did not load; no screenshot\n");
        QCoreApplication::exit(1);
    });
}

}  // namespace replicant::app
