#include "view_command.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSurfaceFormat>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "replicant/ui/settings.h"
#include "replicant/viewers/gltf_loader.h"
#include "replicant/viewers/gltf_view.h"
#include "replicant/viewers/gltf_viewer.h"
#include "replicant/viewers/gltf_viewer_window.h"
#include "replicant/widgets/theme.h"

using replicant::viewers::GltfView;
using replicant::viewers::GltfViewer;
using replicant::viewers::GltfViewerWindow;
using replicant::widgets::Theme;

namespace replicant::app {

namespace {

struct ViewOptions {
    QString file;
    QString screenshot;
    QSize size{800, 600};
    std::optional<Theme::Mode> theme;
    int animation = 0;
    float time = 0.0f;
    bool window = false;  // screenshot the whole window, panels included
    bool wireframe = false;
    bool normals = false;
    bool bounds = false;
    bool grid = true;
    bool verbose = false;
};

// Settle time before a window screenshot, so layouts and the first frame are done.
constexpr int kWindowSettleMs = 300;

int usageError(const QString& message) {
    std::fprintf(stderr, "replicant view: %s\nTry 'replicant view --help'.\n", qPrintable(message));
    return 2;
}

// Parses before any QApplication exists, so --help works without a display.
std::variant<ViewOptions, int> parse(int argc, char** argv) {
    QStringList arguments{QStringLiteral("replicant view")};
    for (int i = 2; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Shows a GLB or glTF 2.0 model. With --screenshot, renders it to a PNG and "
                       "exits (works under xvfb-run)."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("The .glb or .gltf file to open."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render FILE to this PNG and exit."),
                                        QStringLiteral("OUT.png"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Screenshot size (default 800x600)."),
                                  QStringLiteral("WxH"), QStringLiteral("800x600"));
    const QCommandLineOption theme(
        QStringLiteral("theme"), QStringLiteral("light, dark or system."), QStringLiteral("THEME"));
    const QCommandLineOption animation(
        QStringLiteral("animation"),
        QStringLiteral("Animation to pose the screenshot with (default 0)."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption time(
        QStringLiteral("time"),
        QStringLiteral("Seconds into the animation for the screenshot (default 0)."),
        QStringLiteral("SECONDS"), QStringLiteral("0"));
    const QCommandLineOption window(
        QStringLiteral("window"),
        QStringLiteral("Screenshot the whole viewer window, not only the model."));
    const QCommandLineOption wireframe(QStringLiteral("wireframe"),
                                       QStringLiteral("Draw the wireframe."));
    const QCommandLineOption normals(QStringLiteral("normals"),
                                     QStringLiteral("Draw vertex normals."));
    const QCommandLineOption bounds(QStringLiteral("bounds"),
                                    QStringLiteral("Draw the bounding box."));
    const QCommandLineOption noGrid(QStringLiteral("no-grid"),
                                    QStringLiteral("Hide the ground grid."));
    const QCommandLineOption verbose(
        QStringLiteral("verbose"),
        QStringLiteral("Print load and first-frame times and warnings."));
    parser.addOptions({help, screenshot, size, theme, animation, time, window, wireframe, normals,
                       bounds, noGrid, verbose});
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText().replace(QLatin1String("<executable_name>"),
                                                        QLatin1String("replicant view"))),
                   stdout);
        return 0;
    }
    ViewOptions o;
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        return usageError(QStringLiteral("one file at a time"));
    o.file = files.value(0);
    o.screenshot = parser.value(screenshot);
    if (!o.screenshot.isEmpty() && o.file.isEmpty())
        return usageError(QStringLiteral("--screenshot needs a FILE"));
    const auto match =
        QRegularExpression(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$")).match(parser.value(size));
    if (!match.hasMatch() || match.captured(1).toInt() < 16 || match.captured(2).toInt() < 16 ||
        match.captured(1).toInt() > 8192 || match.captured(2).toInt() > 8192)
        return usageError(QStringLiteral("--size must be WIDTHxHEIGHT, each from 16 to 8192"));
    o.size = QSize(match.captured(1).toInt(), match.captured(2).toInt());
    if (parser.isSet(theme)) {
        o.theme = Theme::modeFromName(parser.value(theme));
        if (!o.theme)
            return usageError(QStringLiteral("--theme must be light, dark or system"));
    }
    bool ok = false;
    o.animation = parser.value(animation).toInt(&ok);
    if (!ok)
        return usageError(QStringLiteral("--animation needs a number"));
    o.time = parser.value(time).toFloat(&ok);
    if (!ok || !(o.time >= 0))
        return usageError(QStringLiteral("--time needs a number of seconds"));
    o.window = parser.isSet(window);
    o.wireframe = parser.isSet(wireframe);
    o.normals = parser.isSet(normals);
    o.bounds = parser.isSet(bounds);
    o.grid = !parser.isSet(noGrid);
    o.verbose = parser.isSet(verbose);
    return o;
}

void applyOverlays(GltfView& view, const ViewOptions& o) {
    view.setWireframe(o.wireframe);
    view.setShowNormals(o.normals);
    view.setShowBoundingBox(o.bounds);
    view.setShowGrid(o.grid);
}

void printWarnings(const replicant::viewers::GltfScene& scene) {
    for (const QString& warning : scene.warnings)
        std::fprintf(stderr, "replicant view: warning: %s\n", qPrintable(warning));
}

// Loads on this thread (nothing else to keep responsive), renders once, writes the PNG.
int renderModel(const ViewOptions& o, const QElapsedTimer& clock) {
    if (o.verbose)
        std::fprintf(stderr, "replicant view: started after %lld ms\n",
                     static_cast<long long>(clock.elapsed()));
    const auto result = replicant::viewers::loadGltfFile(o.file);
    if (!result.ok()) {
        std::fprintf(stderr, "replicant view: cannot show %s: %s\n", qPrintable(o.file),
                     qPrintable(result.error()));
        return 1;
    }
    const auto& scene = *result.scene();
    if (o.verbose) {
        std::fprintf(stderr, "replicant view: loaded in %.0f ms (%lld triangles)\n",
                     scene.stats.loadMilliseconds, static_cast<long long>(scene.stats.triangles));
        printWarnings(scene);
    }
    GltfView view;
    // Never shown: grabbing renders into the view's framebuffer object once, where showing it
    // would also render it for a window nobody sees.
    view.resize(o.size);
    view.setScene(result.scene());
    applyOverlays(view, o);
    view.setAnimation(o.animation);
    view.setTime(o.time);
    const QImage image = view.renderImage();
    if (!view.renderError().isEmpty()) {
        std::fprintf(stderr, "replicant view: %s\n", qPrintable(view.renderError()));
        return 1;
    }
    if (o.verbose)
        std::fprintf(stderr, "replicant view: first frame after %lld ms\n",
                     static_cast<long long>(clock.elapsed()));
    if (image.isNull() || !image.save(o.screenshot, "PNG")) {
        std::fprintf(stderr, "replicant view: cannot write the screenshot %s\n",
                     qPrintable(o.screenshot));
        return 1;
    }
    if (o.verbose)
        std::fprintf(stderr, "replicant view: saved after %lld ms\n",
                     static_cast<long long>(clock.elapsed()));
    // The PNG is complete and closed. Tearing down the OpenGL context, its buffers and the
    // scene's geometry changes nothing on disk but costs up to a fifth of a second on software
    // OpenGL with a large model, which scripts waiting for the file would sit through.
    std::fflush(nullptr);
    std::_Exit(0);
}

// The whole window: shown, loaded the normal way (off the UI thread), grabbed once settled.
int captureWindow(GltfViewerWindow& window, const ViewOptions& o) {
    window.resize(o.size);
    applyOverlays(*window.viewer()->view(), o);
    window.show();
    int exitCode = 1;
    auto capture = [&] {
        GltfView* view = window.viewer()->view();
        view->setAnimation(o.animation);
        view->setTime(o.time);
        QTimer::singleShot(kWindowSettleMs, &window, [&] {
            exitCode = window.grab().save(o.screenshot, "PNG") ? 0 : 1;
            if (exitCode != 0)
                std::fprintf(stderr, "replicant view: cannot write the screenshot %s\n",
                             qPrintable(o.screenshot));
            QCoreApplication::exit(exitCode);
        });
    };
    QObject::connect(window.viewer(), &GltfViewer::loaded, &window, capture);
    QObject::connect(window.viewer(), &GltfViewer::loadFailed, &window,
                     [&](const QString&, const QString& error) {
                         std::fprintf(stderr, "replicant view: cannot show %s: %s\n",
                                      qPrintable(o.file), qPrintable(error));
                         capture();  // the window with its message is still worth a look
                     });
    window.openFile(o.file);
    QApplication::exec();
    return window.viewer()->state() == GltfViewer::State::Loaded ? exitCode : 1;
}

}  // namespace

bool isViewCommand(int argc, char** argv) {
    return argc >= 2 && std::strcmp(argv[1], "view") == 0;
}

int runViewCommand(int argc, char** argv) {
    QElapsedTimer clock;
    clock.start();
    const auto parsed = parse(argc, argv);
    if (const int* exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const ViewOptions& options = std::get<ViewOptions>(parsed);

    QSurfaceFormat::setDefaultFormat(GltfView::surfaceFormat());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(replicant::ui::settings::kOrganization);
    QApplication::setApplicationName(replicant::ui::settings::kApplication);
    QApplication::setApplicationVersion(QStringLiteral(REPLICANT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("replicant"));
    Theme theme(options.theme.value_or(
        replicant::ui::settings::savedThemeMode().value_or(Theme::Mode::System)));

    if (!options.screenshot.isEmpty() && !options.window)
        return renderModel(options, clock);

    GltfViewerWindow window;
    if (!options.screenshot.isEmpty())
        return captureWindow(window, options);
    window.show();
    if (!options.file.isEmpty())
        window.openFile(options.file);
    return QApplication::exec();
}

}  // namespace replicant::app
