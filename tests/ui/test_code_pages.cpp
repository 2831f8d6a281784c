// The code tabs of the model page, a prediction and a comparison cell against a real backend:
// the model page's code follows the form as it is edited, a prediction's code repeats it, a
// cell's follows its model and inputs, and the code language is part of the location
// ("model:o/n?code=python", replicant://models/o/n?code=python) and remembered.
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTabWidget>
#include <QtTest>

#include "backend_fixture.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/client/connection.h"
#include "replicant/ui/compare_column.h"
#include "replicant/ui/compare_page.h"
#include "replicant/ui/location.h"
#include "replicant/ui/main_window.h"
#include "replicant/ui/model_page.h"
#include "replicant/ui/prediction_page.h"
#include "replicant/ui/settings.h"
#include "replicant/ui/snippet_panel.h"
#include "replicant/widgets/code_tabs.h"
#include "replicant/widgets/schema_form.h"
#include "replicant/widgets/theme.h"
#include "ui_test_util.h"

using namespace replicant::ui;

namespace {
constexpr int kTimeoutMs = 15'000;
const QString kVersionHello =
    QStringLiteral("5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa");

}  // namespace

class CodePagesTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString why;
        QVERIFY2(m_backend.start(&why), qPrintable(why));
        m_theme =
            std::make_unique<replicant::widgets::Theme>(replicant::widgets::Theme::Mode::Light);
        m_client = std::make_unique<ApiClient>(m_backend.baseUrl(), test::kToken);
    }
    void cleanupTestCase() { m_backend.stop(); }

    // Old locations keep their meaning; "?code=" only with a known language on a model or
    // prediction; links carry it.
    void locations() {
        QVERIFY(isLocation(QStringLiteral("model:replicate/hello-world")));
        QVERIFY(isLocation(QStringLiteral("prediction:abc123")));
        QVERIFY(isLocation(QStringLiteral("model:replicate/hello-world?code=python")));
        QVERIFY(isLocation(QStringLiteral("prediction:abc123?code=http")));
        QVERIFY(!isLocation(QStringLiteral("model:replicate/hello-world?code=cobol")));
        QVERIFY(!isLocation(QStringLiteral("model:replicate/hello-world?code=")));
        QVERIFY(!isLocation(QStringLiteral("explore?code=node")));
        QCOMPARE(codeLanguage(QStringLiteral("model:o/n?code=node")), QStringLiteral("node"));
        QCOMPARE(codeLanguage(QStringLiteral("model:o/n")), QString());
        QCOMPARE(withoutCode(QStringLiteral("model:o/n?code=node")), QStringLiteral("model:o/n"));
        QCOMPARE(withCode(QStringLiteral("model:o/n?code=node"), QStringLiteral("python")),
                 QStringLiteral("model:o/n?code=python"));
        QCOMPARE(withCode(QStringLiteral("model:o/n?code=node"), QString()),
                 QStringLiteral("model:o/n"));
        QCOMPARE(withCode(QStringLiteral("explore"), QStringLiteral("python")),
                 QStringLiteral("explore"));
        QCOMPARE(locationFromLink(QStringLiteral("replicant://models/o/n?code=python")),
                 QStringLiteral("model:o/n?code=python"));
        QCOMPARE(locationFromLink(QStringLiteral("replicant://predictions/abc123?code=http")),
                 QStringLiteral("prediction:abc123?code=http"));
        QCOMPARE(locationFromLink(QStringLiteral("replicant://models/o/n")),
                 QStringLiteral("model:o/n"));
        // An unknown language in a link: the page without its code tab, not nothing.
        QCOMPARE(locationFromLink(QStringLiteral("replicant://models/o/n?code=cobol")),
                 QStringLiteral("model:o/n"));
    }

    // The model page's code shows every edit of the form, for this server, pinned to the version.
    void modelPageCodeFollowsTheForm() {
        MainWindow window(m_client.get(), m_theme.get());
        window.resize(1100, 720);
        window.show();
        QVERIFY(window.openLocation(QStringLiteral("model:replicate/hello-world?code=node")));
        ModelPage* page = window.modelPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->isReady() && page->form()->editor("text"), kTimeoutMs);
        QCOMPARE(page->codeLanguage(), QStringLiteral("node"));
        QCOMPARE(page->outputTabs()->currentWidget(), page->snippets());
        SnippetPanel* panel = page->snippets();
        const QString base = m_backend.baseUrl().toString(QUrl::StripTrailingSlash);
        QTRY_VERIFY_WITH_TIMEOUT(panel->tabs()->editor()->toPlainText().contains(
                                     QStringLiteral("baseUrl: \"%1/v1\"").arg(base)),
                                 kTimeoutMs);
        QVERIFY(
            panel->code("node").contains(QStringLiteral("replicate/hello-world:") + kVersionHello));

        test::typeInto(page->form()->editor("text"), QStringLiteral("from \"the\" form"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->tabs()->editor()->toPlainText().contains(
                                     QStringLiteral("  text: \"from \\\"the\\\" form\",\n")),
                                 kTimeoutMs);
        QVERIFY(
            panel->code("python").contains(QStringLiteral("\"text\": \"from \\\"the\\\" form\"")));
        QVERIFY(
            panel->code("http").contains(QStringLiteral("\"text\": \"from \\\"the\\\" form\"")));
        // Cleared: the input is commented out again.
        test::typeInto(page->form()->editor("text"), QString());
        QTRY_VERIFY_WITH_TIMEOUT(
            panel->tabs()->editor()->toPlainText().contains(QStringLiteral("  // text: \"\",\n")),
            kTimeoutMs);

        // Picking a language changes the location (no new step for Back) and is remembered.
        QVERIFY(panel->setLanguage(QStringLiteral("python")));
        QCOMPARE(window.currentLocation(),
                 QStringLiteral("model:replicate/hello-world?code=python"));
        const QSettings store(settings::kOrganization, settings::kApplication);
        QCOMPARE(store.value(settings::kCodeLanguage).toString(), QStringLiteral("python"));
        SnippetPanel another(m_client.get());
        QCOMPARE(another.language(), QStringLiteral("python"));
        // Back to the output: the location says so.
        page->outputTabs()->setCurrentIndex(0);
        QCOMPARE(window.currentLocation(), QStringLiteral("model:replicate/hello-world"));
        // A link opens the same tab.
        QVERIFY(window.openLocation(locationFromLink(
            QStringLiteral("replicant://models/replicate/hello-world?code=http"))));
        QCOMPARE(page->codeLanguage(), QStringLiteral("http"));
        QVERIFY(page->snippets()->tabs()->editor()->toPlainText().startsWith(
            QStringLiteral("# Runs replicate/hello-world over HTTP")));
    }

    // A prediction's code repeats it: same model, version and input.
    void predictionPageCodeRepeatsIt() {
        auto created = m_backend.call(
            "POST", "/v1/predictions",
            {{"version", kVersionHello}, {"input", QJsonObject{{"text", "from a prediction"}}}});
        QVERIFY2(created && created->ok(), qPrintable(test::why(created)));
        const QString id = created->value().object().value("id").toString();
        MainWindow window(m_client.get(), m_theme.get());
        window.show();
        QVERIFY(window.openLocation(QStringLiteral("prediction:%1?code=http").arg(id)));
        PredictionPage* page = window.predictionPage();
        QCOMPARE(page->codeLanguage(), QStringLiteral("http"));
        QTRY_VERIFY_WITH_TIMEOUT(page->snippets()->tabs()->editor()->toPlainText().contains(
                                     QStringLiteral("\"text\": \"from a prediction\"")),
                                 kTimeoutMs);
        const QString http = page->snippets()->code("http");
        QVERIFY(http.contains(QStringLiteral("\"version\": \"%1\"").arg(kVersionHello)));
        QVERIFY(http.contains(m_backend.baseUrl().toString(QUrl::StripTrailingSlash) +
                              QStringLiteral("/v1/predictions")));
        // Another tab: the location drops the code.
        page->tabs()->setCurrentIndex(0);
        QCOMPARE(window.currentLocation(), QStringLiteral("prediction:") + id);
    }

    // The code targets the connection in use, and follows a switch to the real API.
    void followsTheConnection() {
        ApiClient client(m_backend.baseUrl(), test::kToken);
        SnippetPanel panel(&client);
        panel.show();
        snippets::Request request;
        request.model = QStringLiteral("replicate/hello-world");
        request.version = kVersionHello;
        request.input = {{QStringLiteral("text"), QStringLiteral("x")}};
        panel.setRequest(request);
        QTRY_VERIFY(
            panel.tabs()
                ->code(QStringLiteral("python"))
                .contains(QStringLiteral("base_url=\"%1\"")
                              .arg(m_backend.baseUrl().toString(QUrl::StripTrailingSlash))));
        QVERIFY(panel.tabs()->caption().contains(
            m_backend.baseUrl().toString(QUrl::StripTrailingSlash)));
        client.setConnection(
            {Connection::Kind::Replicate, Connection::replicateUrl(), QStringLiteral("r8_x")});
        QTRY_VERIFY(
            !panel.tabs()->code(QStringLiteral("python")).contains(QLatin1String("base_url")));
        QVERIFY(panel.tabs()
                    ->code(QStringLiteral("http"))
                    .contains(QLatin1String("\"https://api.replicate.com/v1/predictions\"")));
        QVERIFY(panel.tabs()->caption().startsWith(QLatin1String("Replicate API")));
    }

    // A secret typed into the form never reaches the code; its environment variable does.
    void secretsStayOutOfTheModelPageCode() {
        QFile file(QStringLiteral(REPLICANT_TEST_DATA "/cog_schema.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject schema = QJsonDocument::fromJson(file.readAll()).object();
        auto created = m_backend.call("POST", "/v1/models",
                                      {{"owner", test::kUsername},
                                       {"name", "secretive"},
                                       {"visibility", "private"},
                                       {"hardware", "cpu"}});
        QVERIFY2(created && created->ok(), qPrintable(test::why(created)));
        auto version = m_backend.call(
            "POST",
            QStringLiteral("/replicant/v1/models/%1/secretive/versions").arg(test::kUsername),
            {{"openapi_schema", schema}});
        QVERIFY2(version && version->ok(), qPrintable(test::why(version)));

        MainWindow window(m_client.get(), m_theme.get());
        window.show();
        QVERIFY(window.openLocation(
            QStringLiteral("model:%1/secretive?code=python").arg(test::kUsername)));
        ModelPage* page = window.modelPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->isReady() && page->form()->editor("api_key"), kTimeoutMs);
        const QString secret = QStringLiteral("sk-typed-into-the-form-1234");
        test::typeInto(page->form()->editor("api_key"), secret);
        QTRY_VERIFY_WITH_TIMEOUT(page->snippets()->tabs()->editor()->toPlainText().contains(
                                     QStringLiteral("\"api_key\": os.environ[\"API_KEY\"],")),
                                 kTimeoutMs);
        for (const QString language : {"node", "python", "http"}) {
            QVERIFY2(!page->snippets()->code(language).contains(secret), qPrintable(language));
            QVERIFY2(page->snippets()->code(language).contains(QStringLiteral("API_KEY")),
                     qPrintable(language));
        }
        QVERIFY(!QApplication::clipboard()->text().contains(secret));
        page->snippets()->tabs()->copy();
        QVERIFY(!QApplication::clipboard()->text().contains(secret));
    }

    // A comparison cell's Code tab: its model and version, the shared inputs and its own.
    void comparisonCellCode() {
        ComparePage page(m_client.get());
        page.resize(1200, 800);
        page.show();
        CompareColumn* column = page.addColumn(QStringLiteral("replicate/hello-world"));
        QVERIFY(column);
        QTRY_VERIFY_WITH_TIMEOUT(column->version().has_value(), kTimeoutMs);
        auto* panel = column->findChild<SnippetPanel*>(QStringLiteral("compareSnippets"));
        QVERIFY(panel);
        QCOMPARE(column->tabs()->tabText(column->tabs()->indexOf(panel)), QStringLiteral("Code"));
        column->tabs()->setCurrentWidget(panel);
        QVERIFY(page.sharedForm()->editor("text") || column->ownForm()->editor("text"));
        QWidget* editor = page.sharedForm()->editor("text") ? page.sharedForm()->editor("text")
                                                            : column->ownForm()->editor("text");
        test::typeInto(editor, QStringLiteral("in a cell"));
        QTRY_VERIFY_WITH_TIMEOUT(
            panel->code("python").contains(QStringLiteral("\"text\": \"in a cell\"")), kTimeoutMs);
        QVERIFY(
            panel->code("node").contains(QStringLiteral("replicate/hello-world:") + kVersionHello));
    }

private:
    test::BackendFixture m_backend;
    std::unique_ptr<replicant::widgets::Theme> m_theme;
    std::unique_ptr<ApiClient> m_client;
};

QTEST_MAIN(CodePagesTest)
#include "test_code_pages.moc"
