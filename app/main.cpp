// replicant: the desktop app. Starts the platform in-process and shows the main window, which
// talks to it over HTTP through ui/client like any other client would.
#include <QApplication>
#include <QTimer>

#include <cstdio>

#include "command_line.h"
#include "embedded_backend.h"
#include "replicant/ui/account_page.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/main_window.h"
#include "replicant/ui/settings.h"
#include "replicant/widgets/theme.h"

using replicant::app::CommandLine;
using replicant::app::EmbeddedBackend;
using replicant::ui::AccountPage;
using replicant::widgets::Theme;

namespace {
// How long the screenshot waits for the first page, and then for the UI to settle.
constexpr int kScreenshotTimeoutMs = 20'000;
constexpr int kScreenshotSettleMs = 300;
const QSize kScreenshotSize(1100, 720);

void scheduleScreenshot(replicant::ui::MainWindow& window, const QString& path) {
    window.resize(kScreenshotSize);
    auto capture = [&window, path] {
        const bool saved = window.grab().save(path, "PNG");
        if (!saved)
            std::fprintf(stderr, "replicant: cannot write the screenshot %s\n", qPrintable(path));
        QCoreApplication::exit(saved ? 0 : 1);
    };
    auto* page = window.accountPage();
    QObject::connect(
        page, &AccountPage::stateChanged, &window, [&window, capture](AccountPage::State state) {
            static bool scheduled = false;
            if (scheduled ||
                (state != AccountPage::State::Loaded && state != AccountPage::State::Failed))
                return;
            scheduled = true;
            QTimer::singleShot(kScreenshotSettleMs, &window, capture);
        });
    QTimer::singleShot(kScreenshotTimeoutMs, &window, [] {
        std::fprintf(stderr, "replicant: the account page did not load; no screenshot\n");
        QCoreApplication::exit(1);
    });
}
}  // namespace

int main(int argc, char** argv) {
    const auto parsed = replicant::app::parseCommandLine(argc, argv);
    if (const int* exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const CommandLine& options = std::get<CommandLine>(parsed);

    QApplication app(argc, argv);
    QApplication::setOrganizationName(replicant::ui::settings::kOrganization);
    QApplication::setApplicationName(replicant::ui::settings::kApplication);
    QApplication::setApplicationVersion(QStringLiteral(REPLICANT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("replicant"));

    Theme theme(options.theme.value_or(
        replicant::ui::settings::savedThemeMode().value_or(Theme::Mode::System)));

    EmbeddedBackend backend({options.port, options.dataDir.toStdString()});
    if (auto started = backend.start(); !started) {
        std::fprintf(stderr, "replicant: cannot start the embedded server: %s\n",
                     started.error().detail.c_str());
        return 1;
    }
    if (!backend.fallbackReason().isEmpty())
        std::fprintf(stderr, "replicant: %s; using %s instead\n",
                     qPrintable(backend.fallbackReason()),
                     qPrintable(backend.baseUrl().toString()));

    replicant::ui::ApiClient client(backend.baseUrl(), backend.token());
    replicant::ui::MainWindow window(&client, &theme);
    if (!options.screenshot.isEmpty())
        scheduleScreenshot(window, options.screenshot);
    window.show();
    const int exitCode = QApplication::exec();
    backend.stop();
    return exitCode;
}
