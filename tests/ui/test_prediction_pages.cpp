// The prediction pages and the main window around them, against a real backend: a prediction's
// detail (output, input, logs, metrics, JSON), the live list with paging, cancel and open, stale
// links, the command palette, deep links, Back, and the restore of the last place.
#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

#include "backend_fixture.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/explore_page.h"
#include "replicant/ui/location.h"
#include "replicant/ui/main_window.h"
#include "replicant/ui/model_page.h"
#include "replicant/ui/output_view.h"
#include "replicant/ui/prediction_page.h"
#include "replicant/ui/predictions_page.h"
#include "replicant/ui/run_panel.h"
#include "replicant/ui/settings.h"
#include "replicant/ui/status_indicator.h"
#include "replicant/widgets/command_palette.h"
#include "replicant/widgets/json_view.h"
#include "replicant/widgets/schema_form.h"
#include "replicant/widgets/theme.h"

using namespace replicant::ui;
using replicant::widgets::CommandPalette;

class PredictionPagesTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void detailShowsOutputInputLogsMetricsAndJson();
    void detailFollowsARunningPrediction();
    void aStaleLinkSaysTheNotFoundInPlace();
    void listShowsPredictionsNewestFirstAndPages();
    void listUpdatesLiveAndCancels();
    void windowNavigatesBetweenPages();
    void commandPaletteFindsModelsPagesAndPredictions();
    void fuzzyMatchingPrefersTightMatches();
    void deepLinksBecomeLocations();
    void windowRestoresTheLastPlace();
    void windowIconShowsTheLatestState();

private:
    QString createPrediction(const QString& model, const QJsonObject& input);

    test::BackendFixture m_backend;
    std::unique_ptr<replicant::widgets::Theme> m_theme;
    std::unique_ptr<ApiClient> m_client;
};

void PredictionPagesTest::initTestCase() {
    QString why;
    QVERIFY2(m_backend.start(&why), qPrintable(why));
    m_theme = std::make_unique<replicant::widgets::Theme>(replicant::widgets::Theme::Mode::Light);
    m_client = std::make_unique<ApiClient>(m_backend.baseUrl(), test::kToken);
}

void PredictionPagesTest::cleanupTestCase() {
    m_backend.stop();
}

void PredictionPagesTest::init() {
    QSettings(settings::kOrganization, settings::kApplication).clear();
}

QString PredictionPagesTest::createPrediction(const QString& model, const QJsonObject& input) {
    auto r = m_backend.call("POST", QStringLiteral("/v1/models/%1/predictions").arg(model),
                            {{"input", input}});
    if (!r || !r->ok())
        qFatal("cannot create a prediction");
    return r->value()["id"].toString();
}

void PredictionPagesTest::detailShowsOutputInputLogsMetricsAndJson() {
    const QString id = createPrediction("replicate/hello-world", {{"text", "Detail"}});
    PredictionPage page(m_client.get());
    page.resize(1000, 700);
    page.show();
    page.openPrediction(id);
    QTRY_VERIFY(page.isReady());
    QTRY_COMPARE(page.prediction().status, QStringLiteral("succeeded"));
    QVERIFY(page.errorText().isEmpty());
    QCOMPARE(page.findChild<QLabel*>("predictionTitle")->text(), id);
    QCOMPARE(page.outputView()->text(), QStringLiteral("hello Detail"));
    // Input: a tree, and JSON for reuse from code.
    auto* input = page.findChild<replicant::widgets::JsonView*>("inputView");
    // Shown once the version's schema says which inputs are secrets.
    QTRY_VERIFY(input->topLevelItemCount() > 0);
    QCOMPARE(input->topLevelItem(0)->text(0), QStringLiteral("text"));
    QCOMPARE(QJsonDocument::fromJson(page.inputJson().toUtf8()).object(),
             QJsonObject({{"text", "Detail"}}));
    QVERIFY(page.metricsText().contains(QLatin1String("Predict time")));
    QVERIFY(page.metricsText().contains(QLatin1String("replicate/hello-world")));
    // The JSON tab holds the whole prediction object.
    QCOMPARE(page.jsonView()->json().toObject().value("id").toString(), id);
    QCOMPARE(page.jsonView()->json().toObject().value("status").toString(),
             QStringLiteral("succeeded"));
    // Output, Compare (image-to-image only, hidden here), Input, Logs, Metrics, JSON, Code.
    QCOMPARE(page.tabs()->count(), 7);
    QVERIFY(!page.tabs()->isTabVisible(1));
    QSignalSpy openModel(&page, &PredictionPage::openModel);
    page.findChild<QPushButton*>("openModel")->click();
    QCOMPARE(openModel.first().first().toString(), QStringLiteral("replicate/hello-world"));
}

void PredictionPagesTest::detailFollowsARunningPrediction() {
    const QString id = createPrediction("replicant/sleep", {{"seconds", 1.5}});
    PredictionPage page(m_client.get());
    page.show();
    page.openPrediction(id);
    QTRY_VERIFY(page.isReady());
    QVERIFY(!page.prediction().isTerminal());
    QVERIFY(page.findChild<QPushButton*>("cancelPrediction")->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(page.prediction().status, QStringLiteral("succeeded"), 15'000);
    QCOMPARE(page.outputView()->text(), QStringLiteral("slept 1.5 seconds"));
    QVERIFY(!page.findChild<QPushButton*>("cancelPrediction")->isVisible());
}

void PredictionPagesTest::aStaleLinkSaysTheNotFoundInPlace() {
    PredictionPage page(m_client.get());
    page.show();
    page.openPrediction(QStringLiteral("doesnotexist00000000000000"));
    QTRY_VERIFY(page.isReady());
    QVERIFY(page.errorText().contains(QLatin1String("There is no prediction")));
    QVERIFY(!page.tabs()->isEnabled());
}

void PredictionPagesTest::listShowsPredictionsNewestFirstAndPages() {
    // 100 predictions a page: make two pages' worth.
    QString newest;
    for (int i = 0; i < 105; ++i)
        newest = createPrediction("replicate/hello-world", {{"text", QString::number(i)}});
    PredictionsPage page(m_client.get());
    page.resize(1000, 700);
    page.show();
    QTRY_VERIFY(page.isReady());
    QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    QCOMPARE(page.predictionAt(0).id, newest);
    QCOMPARE(page.rowCount(), 100);
    page.view()->scrollToBottom();
    QTRY_VERIFY(page.rowCount() > 100);
    // Columns: status, model, id, created, duration, source.
    auto* model = page.view()->model();
    QCOMPARE(model->columnCount(), 6);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Succeeded"));
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("replicate/hello-world"));
    QCOMPARE(model->index(0, 2).data().toString(), newest);
    QCOMPARE(model->index(0, 5).data().toString(), QStringLiteral("api"));
    // Open: double-click (activated) or the button.
    QSignalSpy open(&page, &PredictionsPage::openPrediction);
    page.view()->selectRow(0);
    page.findChild<QPushButton*>("openSelected")->click();
    QCOMPARE(open.first().first().toString(), newest);
}

void PredictionPagesTest::listUpdatesLiveAndCancels() {
    PredictionsPage page(m_client.get());
    page.resize(1000, 700);
    page.show();
    QTRY_VERIFY(page.isReady());
    const QString id = createPrediction("replicant/sleep", {{"seconds", 30}});
    // It appears without a Refresh click.
    QTRY_VERIFY_WITH_TIMEOUT(page.rowCount() > 0 && page.predictionAt(0).id == id,
                             PredictionsPage::kIdleRefreshMs + 3000);
    page.view()->selectRow(0);
    auto* cancel = page.findChild<QPushButton*>("cancelSelected");
    QTRY_VERIFY(cancel->isEnabled());
    cancel->click();
    QTRY_COMPARE_WITH_TIMEOUT(page.predictionAt(0).status, QStringLiteral("canceled"), 10'000);
    QVERIFY(!cancel->isEnabled());
    // A finished prediction can be deleted, with its files; it leaves the list.
    QVERIFY(page.findChild<QPushButton*>("deleteSelected")->isEnabled());
    const int rows = page.rowCount();
    page.deletePrediction(id);
    QTRY_COMPARE(page.rowCount(), rows - 1);
    QVERIFY(rows == 1 || page.predictionAt(0).id != id);
    auto gone = m_backend.call("GET", QStringLiteral("/v1/predictions/") + id);
    QVERIFY(gone && !gone->ok());
    QCOMPARE(gone->error().status, 404);
    // Deleting it again is explained, not a crash.
    page.deletePrediction(id);
    QTRY_VERIFY(page.findChild<QLabel*>("predictionsStatus")->text().contains("Could not delete"));
}

void PredictionPagesTest::windowNavigatesBetweenPages() {
    MainWindow window(m_client.get(), m_theme.get());
    window.show();
    QCOMPARE(window.currentLocation(), QStringLiteral("explore"));
    QTRY_VERIFY(window.explorePage()->isReady());
    emit window.explorePage()->openModel(QStringLiteral("replicate/hello-world"));
    QCOMPARE(window.currentLocation(), QStringLiteral("model:replicate/hello-world"));
    QCOMPARE(window.currentPageId(), QStringLiteral("model"));
    QTRY_VERIFY(window.modelPage()->isReady());
    // Run from the model page, then open the run's details.
    window.modelPage()->form()->setValues({{"text", "Window"}});
    window.modelPage()->run();
    QTRY_COMPARE_WITH_TIMEOUT(window.modelPage()->runPanel()->statusText(),
                              QStringLiteral("Succeeded"), 15'000);
    const QString id = window.modelPage()->runPanel()->prediction().id;
    window.modelPage()->runPanel()->findChild<QPushButton*>("openPrediction")->click();
    QCOMPARE(window.currentLocation(), QStringLiteral("prediction:") + id);
    QTRY_COMPARE(window.predictionPage()->outputView()->text(), QStringLiteral("hello Window"));
    // Back, twice.
    window.goBack();
    QCOMPARE(window.currentLocation(), QStringLiteral("model:replicate/hello-world"));
    window.goBack();
    QCOMPARE(window.currentLocation(), QStringLiteral("explore"));
    // Sidebar.
    QVERIFY(window.openLocation(QStringLiteral("predictions")));
    QCOMPARE(window.currentPageId(), QStringLiteral("predictions"));
    QVERIFY(!window.openLocation(QStringLiteral("nowhere")));
    QVERIFY(!window.openLocation(QStringLiteral("model:no-slash")));
    QCOMPARE(window.currentPageId(), QStringLiteral("predictions"));
}

void PredictionPagesTest::commandPaletteFindsModelsPagesAndPredictions() {
    const QString id = createPrediction("replicate/canary", {{"text", "palette"}});
    MainWindow window(m_client.get(), m_theme.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    auto* palette = window.findChild<CommandPalette*>("commandPalette");
    QVERIFY(palette);
    QVERIFY(palette->isVisible());
    QVERIFY(palette->queryEdit()->hasFocus());
    QVERIFY(palette->shownKeys().contains("predictions"));
    QTRY_VERIFY(palette->shownKeys().contains("model:replicate/canary"));
    // Pages first, then models, when nothing is typed.
    QCOMPARE(palette->shownKeys().mid(0, 3), QStringList({"explore", "predictions", "account"}));
    QTest::keyClicks(palette->queryEdit(), id.left(10));
    QTRY_COMPARE(palette->shownKeys().value(0), QStringLiteral("prediction:") + id);
    palette->queryEdit()->clear();
    // Keyboard only: type, move, Enter.
    QTest::keyClicks(palette->queryEdit(), QStringLiteral("canry"));
    QCOMPARE(palette->shownKeys().first(), QStringLiteral("model:replicate/canary"));
    QTest::keyClick(palette->queryEdit(), Qt::Key_Return);
    QVERIFY(!palette->isVisible());
    QCOMPARE(window.currentLocation(), QStringLiteral("model:replicate/canary"));
    // Escape closes without going anywhere.
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QVERIFY(palette->isVisible());
    QTest::keyClicks(palette->queryEdit(), QStringLiteral("acc"));
    QTest::keyClick(palette->queryEdit(), Qt::Key_Escape);
    QVERIFY(!palette->isVisible());
    QCOMPARE(window.currentLocation(), QStringLiteral("model:replicate/canary"));
    // Down then Enter picks the second entry.
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QTest::keyClicks(palette->queryEdit(), QStringLiteral("pred"));
    const QStringList keys = palette->shownKeys();
    QVERIFY(keys.size() >= 2);
    QTest::keyClick(palette->queryEdit(), Qt::Key_Down);
    QTest::keyClick(palette->queryEdit(), Qt::Key_Return);
    QCOMPARE(window.currentLocation(), keys.at(1));
}

void PredictionPagesTest::fuzzyMatchingPrefersTightMatches() {
    QVERIFY(CommandPalette::fuzzyScore("hw", "replicate/hello-world") > 0);
    QCOMPARE(CommandPalette::fuzzyScore("xyz", "replicate/hello-world"), -1);
    QVERIFY(CommandPalette::fuzzyScore("hello", "replicate/hello-world") >
            CommandPalette::fuzzyScore("hlo", "replicate/hello-world"));
    QVERIFY(CommandPalette::fuzzyScore("can", "replicate/canary") >
            CommandPalette::fuzzyScore("can", "replicant/scan-tool"));
    QCOMPARE(CommandPalette::fuzzyScore("", "anything"), 0);
}

void PredictionPagesTest::deepLinksBecomeLocations() {
    QCOMPARE(locationFromLink("replicant://predictions/abc123xyz"),
             QStringLiteral("prediction:abc123xyz"));
    QCOMPARE(locationFromLink("replicant://models/replicate/canary"),
             QStringLiteral("model:replicate/canary"));
    QCOMPARE(locationFromLink("gm3qorzdhgbfurvjtvhg6dckhu"),
             QStringLiteral("prediction:gm3qorzdhgbfurvjtvhg6dckhu"));
    QVERIFY(locationFromLink("replicant://elsewhere/x").isEmpty());
    QVERIFY(locationFromLink("https://example.com").isEmpty());
    QVERIFY(isLocation("model:a/b"));
    QVERIFY(!isLocation("model:a/b/c"));
    QVERIFY(!isLocation("prediction:"));
}

void PredictionPagesTest::windowRestoresTheLastPlace() {
    const QString id = createPrediction("replicate/hello-world", {{"text", "restore"}});
    {
        MainWindow window(m_client.get(), m_theme.get());
        window.show();
        QVERIFY(window.openLocation(QStringLiteral("prediction:") + id));
        window.close();
    }
    QCOMPARE(QSettings(settings::kOrganization, settings::kApplication)
                 .value(settings::kPage)
                 .toString(),
             QStringLiteral("prediction:") + id);
    MainWindow again(m_client.get(), m_theme.get());
    again.show();
    QCOMPARE(again.currentLocation(), QStringLiteral("prediction:") + id);
    QTRY_COMPARE(again.predictionPage()->outputView()->text(), QStringLiteral("hello restore"));
}

void PredictionPagesTest::windowIconShowsTheLatestState() {
    MainWindow window(m_client.get(), m_theme.get());
    window.show();
    QCOMPARE(window.statusIndicator()->state(), QString());
    window.openModel(QStringLiteral("replicate/hello-world"));
    QTRY_VERIFY(window.modelPage()->isReady());
    window.modelPage()->form()->setValues({{"text", "icon"}});
    window.modelPage()->run();
    // The model's example on the page is not a run: the icon waits for the real one.
    QCOMPARE(window.statusIndicator()->state(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(window.modelPage()->runPanel()->statusText(),
                              QStringLiteral("Succeeded"), 15'000);
    QCOMPARE(window.statusIndicator()->state(), QStringLiteral("succeeded"));
    QCOMPARE(window.statusIndicator()->latestId(), window.modelPage()->runPanel()->prediction().id);
}

QTEST_MAIN(PredictionPagesTest)
#include "test_prediction_pages.moc"
