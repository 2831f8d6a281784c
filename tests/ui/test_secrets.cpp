// Secret inputs in the desktop app: a secret typed into the form is sent, but never kept in the
// app's settings (saved inputs, restore state); the prediction page masks secret inputs of the
// echoed input by the version's schema, in the Input tab, the input JSON and the prediction
// JSON. Also the cost estimate row of the prediction's metrics.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QtTest>

#include "backend_fixture.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/model_page.h"
#include "replicant/ui/prediction_page.h"
#include "replicant/ui/run_panel.h"
#include "replicant/ui/settings.h"
#include "replicant/widgets/json_view.h"
#include "replicant/widgets/schema_form.h"

using namespace replicant::ui;

namespace {
const QString kSecret = QStringLiteral("sk-very-secret-4242");

QJsonObject cogSchema() {
    QFile file(QStringLiteral(REPLICANT_TEST_DATA "/cog_schema.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read cog_schema.json");
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Every value the app saved, as text.
QString allSettings() {
    QSettings store(settings::kOrganization, settings::kApplication);
    store.sync();
    QString text;
    for (const QString& key : store.allKeys())
        text += key + QLatin1Char('=') + store.value(key).toString() + QLatin1Char('\n');
    QFile file(store.fileName());
    if (file.open(QIODevice::ReadOnly))
        text += QString::fromUtf8(file.readAll());
    return text;
}
}  // namespace

class SecretsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_backend.stop(); }
    void formSecretsAreSentButNeverSaved();
    void predictionPageMasksSecretInputs();
    void metricsShowTheCostEstimate();

private:
    test::BackendFixture m_backend;
    std::unique_ptr<ApiClient> m_client;
    QString m_predictionId;
};

void SecretsTest::initTestCase() {
    QString why;
    QVERIFY2(m_backend.start(&why), qPrintable(why));
    m_client = std::make_unique<ApiClient>(m_backend.baseUrl(), test::kToken);
    auto created = m_backend.call("POST", "/v1/models",
                                  {{"owner", test::kUsername},
                                   {"name", "vault"},
                                   {"visibility", "private"},
                                   {"hardware", "gpu-t4"}});
    QVERIFY2(created && created->ok(), qPrintable(test::why(created)));
    auto version = m_backend.call(
        "POST", QStringLiteral("/replicant/v1/models/%1/vault/versions").arg(test::kUsername),
        {{"openapi_schema", cogSchema()}});
    QVERIFY2(version && version->ok(), qPrintable(test::why(version)));
}

void SecretsTest::formSecretsAreSentButNeverSaved() {
    ModelPage page(m_client.get());
    page.resize(1000, 700);
    page.show();
    page.openModel(test::kUsername + QStringLiteral("/vault"));
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady() && !page.versionId().isEmpty(), 15'000);
    QVERIFY(page.form()->secretFields().contains(QStringLiteral("api_key")));
    page.form()->setValues({{"prompt", "open sesame"}, {"api_key", kSecret}});
    page.run();
    // The model has no runner: the prediction is created (then fails), and the inputs saved.
    QTRY_VERIFY_WITH_TIMEOUT(!page.runPanel()->prediction().id.isEmpty(), 15'000);
    m_predictionId = page.runPanel()->prediction().id;
    const QString saved = allSettings();
    QVERIFY2(saved.contains(QLatin1String("open sesame")), "the other inputs are saved");
    QVERIFY2(!saved.contains(kSecret), "the secret is not");

    // A new page restores the saved inputs: not the secret.
    ModelPage again(m_client.get());
    again.openModel(test::kUsername + QStringLiteral("/vault"));
    QTRY_VERIFY_WITH_TIMEOUT(again.isReady() && !again.versionId().isEmpty(), 15'000);
    QCOMPARE(again.form()->values().value(QLatin1String("prompt")).toString(),
             QStringLiteral("open sesame"));
    QVERIFY(!again.form()->values().contains(QLatin1String("api_key")));
}

void SecretsTest::predictionPageMasksSecretInputs() {
    QVERIFY(!m_predictionId.isEmpty());
    PredictionPage page(m_client.get());
    page.resize(1000, 700);
    page.show();
    page.openPrediction(m_predictionId);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 15'000);
    QTRY_VERIFY_WITH_TIMEOUT(page.inputJson().contains(QLatin1String("open sesame")), 10'000);
    QVERIFY2(!page.inputJson().contains(kSecret), qPrintable(page.inputJson()));
    QVERIFY(page.inputJson().contains(QLatin1String("\"api_key\": \"**********\"")));
    const QString whole = replicant::widgets::JsonView::toText(page.jsonView()->json(), true);
    QVERIFY(whole.contains(QLatin1String("open sesame")));
    QVERIFY2(!whole.contains(kSecret), qPrintable(whole));
    auto* input = page.findChild<replicant::widgets::JsonView*>(QStringLiteral("inputView"));
    QVERIFY(input);
    QCOMPARE(input->json().toObject().value(QLatin1String("api_key")).toString(),
             QStringLiteral("**********"));
}

void SecretsTest::metricsShowTheCostEstimate() {
    // hello-world runs on the CPU (its model says so) and finishes with a predict time.
    ApiClient client(m_backend.baseUrl(), test::kToken);
    auto created = m_backend.call("POST", "/v1/models/replicate/hello-world/predictions",
                                  {{"input", QJsonObject{{"text", "cost"}}}});
    QVERIFY2(created && created->ok(), qPrintable(test::why(created)));
    const QString id = created->value().object().value(QLatin1String("id")).toString();
    PredictionPage page(&client);
    page.show();
    page.openPrediction(id);
    QTRY_VERIFY_WITH_TIMEOUT(page.prediction().status == QLatin1String("succeeded") &&
                                 page.metricsText().contains(QLatin1String("CPU at $0.000100/s")),
                             15'000);
    QVERIFY(page.metricsText().contains(QLatin1String("Estimated cost")));
}

QTEST_MAIN(SecretsTest)
#include "test_secrets.moc"
