#include "command_line.h"

#include <QCommandLineParser>
#include <QStringList>

#include <cstdio>

#include "replicant/backend/server_options.h"
#include "replicant/ui/location.h"

namespace replicant::app {

namespace {
int usageError(const QString& message) {
    std::fprintf(stderr, "replicant: %s\nTry 'replicant --help'.\n", qPrintable(message));
    return 2;
}
}  // namespace

std::variant<CommandLine, int> parseCommandLine(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Replicant: a desktop playground for the Replicate API, with a local "
                       "re-implementation of the platform built in.\n\n"
                       "replicant view [FILE.glb] opens the 3D viewer instead (see replicant view "
                       "--help)."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Show the version."));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QStringLiteral("Port of the embedded server on 127.0.0.1 (default %1; 0 picks a free "
                       "one). A busy port falls back to a free one.")
            .arg(backend::kDefaultPort),
        QStringLiteral("N"), QString::number(backend::kDefaultPort));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Where the embedded server keeps its data (default "
                       "$XDG_DATA_HOME/replicant, else ~/.local/share/replicant)."),
        QStringLiteral("DIR"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window to a PNG once the page shown has loaded (see "
                       "--page), then exit."),
        QStringLiteral("OUT.png"));
    const QCommandLineOption theme(
        QStringLiteral("theme"),
        QStringLiteral("Use this theme for this run: light, dark or system (the saved choice "
                       "is kept)."),
        QStringLiteral("THEME"));
    const QCommandLineOption page(
        QStringLiteral("page"),
        QStringLiteral("Show this place first: explore, predictions, account, compare, "
                       "compare:SAVED_NAME, prediction:ID#compare (its before/after slider), "
                       "model:OWNER/NAME or prediction:ID, either with ?code=node|python|http "
                       "for its code tab (with --screenshot: the page to render)."),
        QStringLiteral("PLACE"));
    const QCommandLineOption open(
        QStringLiteral("open"),
        QStringLiteral("Open a prediction: its id, or a replicant://predictions/ID link (a "
                       "replicant:// link may also be given alone, as the desktop entry does)."),
        QStringLiteral("ID"));
    parser.addOptions({help, version, port, dataDir, screenshot, theme, page, open});
    parser.addPositionalArgument(QStringLiteral("link"),
                                 QStringLiteral("A replicant://predictions/ID or "
                                                "replicant://models/OWNER/NAME link."),
                                 QStringLiteral("[link]"));

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(QLatin1String("<executable_name>"), QLatin1String("replicant"));
        std::fputs(qPrintable(text), stdout);
        return 0;
    }
    if (parser.isSet(version)) {
        std::printf("replicant %s\n", REPLICANT_VERSION);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1 ||
        (positional.size() == 1 && !positional.first().startsWith(QLatin1String("replicant:"))))
        return usageError(QStringLiteral("unexpected argument '%1'").arg(positional.constLast()));

    CommandLine options;
    bool ok = false;
    const uint value = parser.value(port).toUInt(&ok);
    if (!ok || value > 65535)
        return usageError(QStringLiteral("--port needs a number from 0 to 65535"));
    options.port = static_cast<std::uint16_t>(value);
    options.dataDir = parser.value(dataDir);
    options.screenshot = parser.value(screenshot);
    if (parser.isSet(theme)) {
        options.theme = widgets::Theme::modeFromName(parser.value(theme));
        if (!options.theme)
            return usageError(QStringLiteral("--theme must be light, dark or system"));
    }
    if (parser.isSet(page)) {
        options.location = parser.value(page);
        if (!ui::isLocation(options.location))
            return usageError(
                QStringLiteral("--page must be explore, predictions, account, runners, compare, "
                               "compare:NAME, model:OWNER/NAME or prediction:ID"));
    }
    QString link = parser.isSet(open) ? parser.value(open) : positional.value(0);
    if (!link.isEmpty()) {
        options.location = ui::locationFromLink(link);
        if (options.location.isEmpty())
            return usageError(
                QStringLiteral("'%1' is not a prediction id or a replicant:// link").arg(link));
    }
    return options;
}

}  // namespace replicant::app
