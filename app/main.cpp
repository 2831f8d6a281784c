// replicant: the desktop app. Starts the platform in-process and shows the main window, which
// talks to it over HTTP through ui/client like any other client would.
#include <QApplication>
#include <QSurfaceFormat>

#include <cstdio>

#include "command_line.h"
#include "embedded_backend.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/main_window.h"
#include "replicant/ui/output_view.h"
#include "replicant/ui/settings.h"
#include "replicant/viewers/gltf_view.h"
#include "replicant/viewers/gltf_viewer.h"
#include "replicant/widgets/theme.h"
#include "screenshot.h"
#include "startup_probe.h"
#include "view_command.h"

using replicant::app::CommandLine;
using replicant::app::EmbeddedBackend;
using replicant::widgets::Theme;

int main(int argc, char** argv) {
    if (replicant::app::isViewCommand(argc, argv))
        return replicant::app::runViewCommand(argc, argv);
    const auto parsed = replicant::app::parseCommandLine(argc, argv);
    if (const int* exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const CommandLine& options = std::get<CommandLine>(parsed);

    // The 3D viewer's OpenGL format, set before any context exists so all of them share it.
    QSurfaceFormat::setDefaultFormat(replicant::viewers::GltfView::surfaceFormat());
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

    // The embedded server always runs (switching back to it is instant); the connection last
    // chosen in the app decides what the client talks to, except that --data-dir asks for the
    // embedded server with that data (screenshots and benchmarks rely on it).
    const replicant::ui::Connection embedded{replicant::ui::Connection::Kind::Embedded,
                                             backend.baseUrl(), backend.token()};
    replicant::ui::ApiClient client;
    client.setConnection(
        options.dataDir.isEmpty() ? replicant::ui::settings::savedConnection(embedded) : embedded);
    replicant::ui::MainWindow window(&client, &theme);
    window.setEmbeddedConnection(embedded);
    // GLB outputs open in a window of the 3D viewer.
    replicant::ui::OutputView::setModelViewerHook([](const QByteArray& glb, const QString& name) {
        auto* viewer = new replicant::viewers::GltfViewer;
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        viewer->setWindowTitle(name + QStringLiteral(" - 3D viewer"));
        viewer->resize(960, 680);
        viewer->openData(glb, name);
        viewer->show();
    });
    // --page or --open (a deep link) decide what shows first; otherwise the last place restores.
    if (!options.location.isEmpty() && !window.openLocation(options.location))
        std::fprintf(stderr, "replicant: no such place: %s\n", qPrintable(options.location));
    if (!options.screenshot.isEmpty())
        replicant::app::scheduleScreenshot(window, options.screenshot);
    replicant::app::installStartupProbe(&window);
    window.show();
    const int exitCode = QApplication::exec();
    backend.stop();
    return exitCode;
}
