#include "command_palette_source.h"

#include "replicant/ui/client/api_client.h"
#include "replicant/ui/main_window.h"
#include "replicant/widgets/command_palette.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
using Entry = widgets::CommandPalette::Entry;

// Enough of the catalogue for quick jumps without walking a huge remote one.
constexpr int kMaxModelPages = 4;

void addModels(widgets::CommandPalette* palette, ApiClient* client, const QString& pageUrl,
               int pagesLeft) {
    client->listModels(pageUrl, palette,
                       [palette, client, pagesLeft](const ApiResult<ListPage<Model>>& result) {
                           if (!result)
                               return;
                           QVector<Entry> entries;
                           for (const Model& m : result->results)
                               entries.append({m.fullName(), m.description, QObject::tr("Model"),
                                               QStringLiteral("model:") + m.fullName(), 1});
                           palette->addEntries(entries);
                           if (!result->next.isEmpty() && pagesLeft > 1)
                               addModels(palette, client, result->next, pagesLeft - 1);
                       });
}

void addPredictions(widgets::CommandPalette* palette, ApiClient* client) {
    client->listPredictions(
        QString(), palette, [palette](const ApiResult<ListPage<Prediction>>& result) {
            if (!result)
                return;
            QVector<Entry> entries;
            for (const Prediction& p : result->results)
                entries.append(
                    {QStringLiteral("%1 \u00b7 %2").arg(p.model, statusStyle(p.status).label),
                     QStringLiteral("%1 \u00b7 %2").arg(p.id, relativeTime(p.createdAt)),
                     QObject::tr("Prediction"), QStringLiteral("prediction:") + p.id, 0});
            palette->addEntries(entries);
        });
}
}  // namespace

void openCommandPalette(MainWindow* window, ApiClient* client) {
    auto* palette = window->findChild<widgets::CommandPalette*>(QStringLiteral("commandPalette"));
    if (!palette) {
        palette = new widgets::CommandPalette(window);
        QObject::connect(palette, &widgets::CommandPalette::chosen, window,
                         [window](const QString& key) {
                             if (key == QLatin1String("settings:connection"))
                                 window->showConnectionSettings();
                             else
                                 window->openLocation(key);
                         });
        // Another server's models and predictions are not this one's.
        QObject::connect(client, &ApiClient::connectionChanged, palette,
                         [palette] { palette->setEntries({}); });
    }
    // What earlier openings loaded stays (and is refreshed below), so typing can start at once.
    palette->addEntries({
        {QObject::tr("Explore"), QObject::tr("the models on this server"), QObject::tr("Page"),
         QStringLiteral("explore"), 2},
        {QObject::tr("Predictions"), QObject::tr("everything you ran"), QObject::tr("Page"),
         QStringLiteral("predictions"), 2},
        {QObject::tr("Account"), QObject::tr("your token's account"), QObject::tr("Page"),
         QStringLiteral("account"), 2},
        {QObject::tr("Cog runners"), QObject::tr("Cog servers that serve models"),
         QObject::tr("Page"), QStringLiteral("runners"), 2},
        {QObject::tr("Connection settings"),
         QObject::tr("embedded server, a Replicant server or the Replicate API"),
         QObject::tr("Settings"), QStringLiteral("settings:connection"), 2},
    });
    palette->open();
    addModels(palette, client, QString(), kMaxModelPages);
    addPredictions(palette, client);
}

}  // namespace replicant::ui
