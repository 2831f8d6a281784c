// End-to-end widget tests of the Explore and model pages against a real backend: the catalogue
// and its paging, the model page's README, versions and generated form, and runs of the built-in
// models (fill the form, Run, see the output), with the server's 422s shown beside the fields.
#include <QAbstractItemView>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include "backend_fixture.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/client/prediction_watcher.h"
#include "replicant/ui/explore_page.h"
#include "replicant/ui/model_page.h"
#include "replicant/ui/output_view.h"
#include "replicant/ui/run_panel.h"
#include "replicant/widgets/json_schema.h"
#include "replicant/widgets/markdown_view.h"
#include "replicant/widgets/schema_form.h"
#include "replicant/widgets/theme.h"
#include "ui_test_util.h"

using namespace replicant::ui;
using replicant::widgets::SchemaForm;

namespace {
constexpr int kRunTimeoutMs = 20'000;

QJsonObject cogSchema() {
    QFile file(QStringLiteral(REPLICANT_TEST_DATA "/cog_schema.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read cog_schema.json");
    return QJsonDocument::fromJson(file.readAll()).object();
}

}  // namespace

class PagesTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void exploreListsTheBuiltInModels();
    void exploreFiltersAndOpensAModel();
    void exploreLoadsMorePagesAsTheUserScrolls();
    void exploreExplainsAServerThatIsDown();
    void modelPageShowsReadmeVersionsAndForm();
    void runsHelloWorldEndToEnd();
    void runsCanaryAndStreamsItsWords();
    void cancelsARunningPrediction();
    void showsLogsAsTheyArrive();
    void clientValidationStopsABadRun();
    void serverErrorsAppearBesideTheFields();
    void clientValidationMirrorsTheServer();
    void aModelThatDoesNotExistSaysSo();
    void aFailedPredictionShowsItsError();

private:
    ModelPage* openModelPage(const QString& ref);

    test::BackendFixture m_backend;
    std::unique_ptr<replicant::widgets::Theme> m_theme;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<ModelPage> m_modelPage;
};

void PagesTest::initTestCase() {
    QString why;
    QVERIFY2(m_backend.start(&why), qPrintable(why));
    m_theme = std::make_unique<replicant::widgets::Theme>(replicant::widgets::Theme::Mode::Light);
    m_client = std::make_unique<ApiClient>(m_backend.baseUrl(), test::kToken);
    // A model of our own with a rich schema (no runner: its predictions fail, and say so).
    auto created = m_backend.call("POST", "/v1/models",
                                  {{"owner", test::kUsername},
                                   {"name", "rich"},
                                   {"visibility", "private"},
                                   {"hardware", "cpu"},
                                   {"description", "A model with every kind of input"}});
    QVERIFY2(created && created->ok(), qPrintable(test::why(created)));
    auto version = m_backend.call(
        "POST", QStringLiteral("/replicant/v1/models/%1/rich/versions").arg(test::kUsername),
        {{"openapi_schema", cogSchema()}});
    QVERIFY2(version && version->ok(), qPrintable(test::why(version)));
}

void PagesTest::cleanupTestCase() {
    m_modelPage.reset();
    m_backend.stop();
}

void PagesTest::exploreListsTheBuiltInModels() {
    ExplorePage page(m_client.get());
    page.resize(1000, 700);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 10'000);
    QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    QVERIFY(page.loadedCount() >= 4);  // hello-world, canary, sleep, and ours
    QStringList names;
    for (int row = 0; row < page.view()->model()->rowCount(); ++row)
        names << page.view()->model()->index(row, 0).data().toString();
    QVERIFY(names.contains("replicate/hello-world"));
    QVERIFY(names.contains("replicate/canary"));
    QVERIFY(names.contains("replicant/sleep"));
    // Cards are laid out in a grid, several per row.
    const QRect first = page.view()->visualRect(page.view()->model()->index(0, 0));
    const QRect second = page.view()->visualRect(page.view()->model()->index(1, 0));
    QCOMPARE(first.top(), second.top());
    QVERIFY(second.left() > first.right());
}

void PagesTest::exploreFiltersAndOpensAModel() {
    ExplorePage page(m_client.get());
    page.resize(1000, 700);
    page.show();
    QTRY_VERIFY(page.isReady());
    QSignalSpy open(&page, &ExplorePage::openModel);
    page.filterBox()->setText(QStringLiteral("CANARY"));
    QCOMPARE(page.visibleCount(), 1);
    // The description is searched too.
    page.filterBox()->setText(QStringLiteral("says hello"));
    QCOMPARE(page.visibleCount(), 1);
    page.filterBox()->setText(QStringLiteral("zzz-nothing"));
    QCOMPARE(page.visibleCount(), 0);
    QTRY_VERIFY(page.findChild<QLabel*>("exploreStatus")->text().contains("No model matches"));
    page.filterBox()->setText(QStringLiteral("canary"));
    const QRect card = page.view()->visualRect(page.view()->model()->index(0, 0));
    QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, card.center());
    QTRY_VERIFY(open.count() >= 1);
    QCOMPARE(open.first().first().toString(), QStringLiteral("replicate/canary"));
}

void PagesTest::exploreLoadsMorePagesAsTheUserScrolls() {
    // 25 models a page: make the catalogue span three pages.
    for (int i = 0; i < 50; ++i) {
        auto r = m_backend.call("POST", "/v1/models",
                                {{"owner", test::kUsername},
                                 {"name", QStringLiteral("filler-%1").arg(i, 2, 10, QChar('0'))},
                                 {"visibility", "private"},
                                 {"hardware", "cpu"}});
        QVERIFY(r && r->ok());
    }
    ExplorePage page(m_client.get());
    page.resize(1000, 700);
    page.show();
    QTRY_VERIFY(page.isReady());
    // The first page fills the view, so no second one yet.
    QTest::qWait(200);
    QCOMPARE(page.loadedCount(), 25);
    QScrollBar* bar = page.view()->verticalScrollBar();
    bar->setValue(bar->maximum());
    QTRY_COMPARE(page.loadedCount(), 50);
    bar->setValue(bar->maximum());
    QTRY_VERIFY(page.loadedCount() >= 54);
    // A filter that matches few loaded cards keeps loading until the end.
    ExplorePage filtered(m_client.get());
    filtered.resize(1000, 700);
    filtered.show();
    QTRY_VERIFY(filtered.isReady());
    filtered.filterBox()->setText(QStringLiteral("filler-49"));
    QTRY_COMPARE(filtered.visibleCount(), 1);
}

void PagesTest::exploreExplainsAServerThatIsDown() {
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    ApiClient dead(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), test::kToken);
    ExplorePage page(&dead);
    page.show();
    QTRY_VERIFY(page.isReady());
    QVERIFY(page.errorText().startsWith(QLatin1String("Connection failed")));
    auto* status = page.findChild<QLabel*>("exploreStatus");
    QVERIFY(status->isVisible());
    QVERIFY(status->text().contains("Check that the server"));
}

ModelPage* PagesTest::openModelPage(const QString& ref) {
    if (!m_modelPage) {
        m_modelPage = std::make_unique<ModelPage>(m_client.get());
        m_modelPage->resize(1100, 800);
        m_modelPage->show();
    }
    m_modelPage->openModel(ref);
    if (!QTest::qWaitFor([this] { return m_modelPage->isReady(); }, 10'000))
        qWarning("the model page did not load");
    return m_modelPage.get();
}

void PagesTest::modelPageShowsReadmeVersionsAndForm() {
    ModelPage* page = openModelPage(QStringLiteral("replicate/hello-world"));
    QCOMPARE(page->findChild<QLabel*>("modelTitle")->text(),
             QStringLiteral("replicate/hello-world"));
    QCOMPARE(page->findChild<QLabel*>("modelDescription")->text(),
             QStringLiteral("A tiny model that says hello"));
    QTRY_VERIFY(page->readme()->toPlainText().contains(QLatin1String("Prefixes its input")));
    // The inline `hello ` is code.
    QTRY_COMPARE(page->versionList()->topLevelItemCount(), 1);
    QCOMPARE(page->versionList()->topLevelItem(0)->text(0),
             QStringLiteral("5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa"));
    QCOMPARE(page->versionId(), page->versionList()->topLevelItem(0)->text(0));
    QCOMPARE(page->form()->fieldNames(), QStringList{"text"});
    // Multi-line editor for prose; prefilled from the model's example input.
    QVERIFY(qobject_cast<QPlainTextEdit*>(page->form()->editor("text")));
}

void PagesTest::runsHelloWorldEndToEnd() {
    ModelPage* page = openModelPage(QStringLiteral("replicate/hello-world"));
    QSignalSpy created(page, &ModelPage::predictionCreated);
    test::typeInto(page->form()->editor("text"), QStringLiteral("Tester"));
    QTest::mouseClick(page->findChild<QPushButton*>("runButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->runPanel()->statusText(), QStringLiteral("Succeeded"),
                              kRunTimeoutMs);
    QCOMPARE(created.count(), 1);
    OutputView* output = page->runPanel()->outputView();
    QCOMPARE(output->kind(), OutputView::Kind::Text);
    QCOMPARE(output->text(), QStringLiteral("hello Tester"));
    QVERIFY(page->runPanel()->errorText().isEmpty());
    QVERIFY(page->runPanel()->findChild<QLabel*>("elapsed")->text().startsWith("Elapsed"));
    QVERIFY(page->runPanel()->findChild<QLabel*>("predictTime")->text().startsWith("Predict time"));
    QVERIFY(page->findChild<QPushButton*>("runButton")->isEnabled());
    // The inputs are remembered for the next visit.
    ModelPage again(m_client.get());
    again.openModel(QStringLiteral("replicate/hello-world"));
    QTRY_VERIFY(again.isReady());
    QCOMPARE(again.form()->values().value("text").toString(), QStringLiteral("Tester"));
}

void PagesTest::runsCanaryAndStreamsItsWords() {
    ModelPage* page = openModelPage(QStringLiteral("replicate/canary"));
    test::typeInto(page->form()->editor("text"), QStringLiteral("Tester"));
    int streamedUpdates = 0;
    QStringList partialTexts;
    auto* watcher = page->runPanel()->watcher();
    auto connection = connect(watcher, &PredictionWatcher::updated, this, [&] {
        if (watcher->isStreaming())
            ++streamedUpdates;
        partialTexts << page->runPanel()->outputView()->text();
    });
    page->run();  // Ctrl+Enter and the Run button both land here
    QTRY_COMPARE_WITH_TIMEOUT(page->runPanel()->statusText(), QStringLiteral("Succeeded"),
                              kRunTimeoutMs);
    // x-cog-array-display: concatenate joins the streamed words without separators.
    QCOMPARE(page->runPanel()->outputView()->text(), QStringLiteral("hello there, Tester"));
    QCOMPARE(page->runPanel()->prediction().output.toArray().size(), 3);
    disconnect(connection);
    // The server offers an event stream for canary: the words came over it (SSE), not polling.
    QVERIFY(page->runPanel()->prediction().streamUrl.isValid());
    QVERIFY2(streamedUpdates >= 3, qPrintable(partialTexts.join(" | ")));
}

void PagesTest::cancelsARunningPrediction() {
    ModelPage* page = openModelPage(QStringLiteral("replicant/sleep"));
    page->form()->setValues({{"seconds", 30}});
    page->run();
    QTRY_VERIFY_WITH_TIMEOUT(page->runPanel()->isRunning(), kRunTimeoutMs);
    auto* cancel = page->runPanel()->findChild<QPushButton*>("cancelPrediction");
    QTRY_VERIFY(cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(page->runPanel()->statusText(), QStringLiteral("Canceled"),
                              kRunTimeoutMs);
    QVERIFY(!cancel->isVisible());
}

void PagesTest::showsLogsAsTheyArrive() {
    ModelPage* page = openModelPage(QStringLiteral("replicant/sleep"));
    page->form()->setValues({{"seconds", 2.2}});
    page->run();
    // A log line comes while the prediction still runs (the model logs about once a second).
    QTRY_VERIFY_WITH_TIMEOUT(!page->runPanel()->prediction().logs.isEmpty(), 10'000);
    QVERIFY(page->runPanel()->isRunning());
    auto* full = page->runPanel()->findChild<QToolButton*>("logsFullScreen");
    QVERIFY(full);
    full->click();
    auto* dialog = page->window()->findChild<QDialog*>("logsDialog");
    QVERIFY(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(page->runPanel()->statusText(), QStringLiteral("Succeeded"),
                              kRunTimeoutMs);
    // The full-screen view kept up with the lines that came after it opened.
    QCOMPARE(dialog->findChild<QPlainTextEdit*>()->toPlainText(),
             page->runPanel()->prediction().logs);
    QVERIFY(page->runPanel()->prediction().logs.count(QLatin1Char('\n')) >= 2);
    dialog->close();
    QCOMPARE(page->runPanel()->outputView()->text(), QStringLiteral("slept 2.2 seconds"));
}

void PagesTest::clientValidationStopsABadRun() {
    ModelPage* page = openModelPage(test::kUsername + QStringLiteral("/rich"));
    QVERIFY(page->errorText().isEmpty());
    QCOMPARE(page->form()->fieldNames().first(), QStringLiteral("prompt"));
    QSignalSpy created(page, &ModelPage::predictionCreated);
    page->run();  // prompt is required
    QCOMPARE(page->form()->fieldError("prompt"), QStringLiteral("prompt is required"));
    QCOMPARE(page->runPanel()->statusText(), QStringLiteral("Not started"));
    QTest::qWait(100);
    QCOMPARE(created.count(), 0);
}

void PagesTest::serverErrorsAppearBesideTheFields() {
    ModelPage* page = openModelPage(test::kUsername + QStringLiteral("/rich"));
    // A real 422 from the server for input the form would never send.
    ApiResult<Prediction> result = ApiError{};
    bool done = false;
    m_client->createPrediction(
        {QString(), page->versionId(),
         QJsonObject{{"num_outputs", 9}, {"scheduler", "nope"}, {"image", "not a uri"}}},
        this, [&](const ApiResult<Prediction>& r) {
            result = r;
            done = true;
        });
    QTRY_VERIFY(done);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 422);
    page->showInputErrors(result.error());
    QCOMPARE(page->form()->fieldError("prompt"), QStringLiteral("prompt is required"));
    QCOMPARE(page->form()->fieldError("num_outputs"),
             QStringLiteral("Must be less than or equal to 4"));
    QCOMPARE(page->form()->fieldError("scheduler"),
             QStringLiteral("scheduler must be one of the following: \"DDIM\", \"K_EULER\", "
                            "\"DPMSolverMultistep\""));
    QCOMPARE(page->form()->fieldError("image"), QStringLiteral("Does not match format 'uri'"));
    QVERIFY(page->runPanel()->errorText().contains("Input validation failed"));
}

void PagesTest::clientValidationMirrorsTheServer() {
    // The same inputs through both validators give the same fields, types and messages.
    const QJsonObject document = cogSchema();
    const QJsonObject input =
        document["components"].toObject()["schemas"].toObject()["Input"].toObject();
    const QVector<QJsonObject> cases = {
        {},
        {{"prompt", 1}},
        {{"prompt", "x"}, {"num_outputs", 0}, {"guidance_scale", 51}},
        {{"prompt", "x"}, {"width", 100}, {"negative_prompt", "ab"}},
        {{"prompt", "x"}, {"tags", QJsonArray{"a", 3, true}}, {"watermark", "yes"}},
        {{"prompt", "x"}, {"num_outputs", 2.5}, {"seed", "1"}, {"image", "ftp//x"}},
    };
    QString version;
    {
        auto versions = m_backend.call(
            "GET", QStringLiteral("/v1/models/%1/rich/versions").arg(test::kUsername));
        QVERIFY(versions && versions->ok());
        version = versions->value()["results"].toArray().first()["id"].toString();
    }
    for (const QJsonObject& value : cases) {
        auto server =
            m_backend.call("POST", "/v1/predictions", {{"version", version}, {"input", value}});
        QVERIFY(server && !server->ok());
        QStringList serverErrors;
        for (const QJsonValue& e : server->error().body["invalid_fields"].toArray())
            serverErrors << e["type"].toString() + QLatin1Char('|') + e["field"].toString() +
                                QLatin1Char('|') + e["description"].toString();
        QStringList clientErrors;
        for (const auto& e :
             replicant::widgets::json_schema::validateObject(value, input, document))
            clientErrors << e.type + QLatin1Char('|') +
                                (e.path.isEmpty() ? QStringLiteral("input")
                                                  : QStringLiteral("input.") + e.path) +
                                QLatin1Char('|') + e.description;
        QCOMPARE(clientErrors, serverErrors);
    }
}

void PagesTest::aModelThatDoesNotExistSaysSo() {
    ModelPage page(m_client.get());
    page.show();
    page.openModel(QStringLiteral("nobody/nothing"));
    QTRY_VERIFY(page.isReady());
    QVERIFY(page.errorText().contains(QLatin1String("There is no model nobody/nothing")));
}

void PagesTest::aFailedPredictionShowsItsError() {
    // Our own model has no runner: valid input is accepted, and the prediction fails.
    ModelPage* page = openModelPage(test::kUsername + QStringLiteral("/rich"));
    page->form()->setValues({{"prompt", "a cat"}});
    page->run();
    QTRY_COMPARE_WITH_TIMEOUT(page->runPanel()->statusText(), QStringLiteral("Failed"),
                              kRunTimeoutMs);
    QVERIFY(!page->runPanel()->errorText().isEmpty());
}

QTEST_MAIN(PagesTest)
#include "test_pages.moc"
