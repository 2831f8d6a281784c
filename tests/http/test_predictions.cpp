// Models, versions and predictions over HTTP: shapes against real recorded responses, waiting,
// cancel, deadlines, queueing, pagination, validation and durability across kill -9.
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

#include <csignal>

#include "server_process.h"

using replicant::tests::httpRequest;
using replicant::tests::HttpResult;
using replicant::tests::ServerProcess;

namespace {
const QByteArray kToken = "r8_PredictionTestToken000000000000000000";
const QString kHello = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
const QString kCanary = "30e22229542eb3f79d4f945dacb58d32001b02cc313ae6f54eef27904edf3272";

QJsonObject recorded(const QString& name) {
    QFile f(QStringLiteral(REPLICANT_TEST_DATA) + "/recorded_shapes.json");
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(name).toObject();
}

QString typeOf(const QJsonValue& v) {
    switch (v.type()) {
        case QJsonValue::Null:
            return "null";
        case QJsonValue::Bool:
            return "boolean";
        case QJsonValue::Double:
            return "number";
        case QJsonValue::String:
            return "string";
        case QJsonValue::Array:
            return "array";
        case QJsonValue::Object:
            return "object";
        default:
            return "undefined";
    }
}

// Every key the real API sent is present in ours, with the same type where neither is null.
void compareShape(const QJsonObject& ours, const QJsonObject& shape,
                  const QSet<QString>& skip = {}) {
    QVERIFY(!shape.isEmpty());
    for (auto it = shape.begin(); it != shape.end(); ++it) {
        if (skip.contains(it.key()))
            continue;
        QVERIFY2(ours.contains(it.key()), qPrintable("missing key " + it.key()));
        const QString theirs = it.value().toString();
        const QString mine = typeOf(ours.value(it.key()));
        if (theirs != "null" && mine != "null")
            QVERIFY2(theirs == mine,
                     qPrintable(it.key() + ": real API has " + theirs + ", ours " + mine));
    }
}
}  // namespace

class PredictionsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY2(m_server.start(
                     {"--token", QString::fromLatin1(kToken), "--rate-limit", "off", "--quiet"}),
                 qPrintable(m_server.lastOutput()));
    }
    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

    void syncPredictionMatchesRecordedShape() {
        auto r = post("/v1/predictions",
                      {{"version", kHello}, {"input", QJsonObject{{"text", "Alice"}}}},
                      {{"Prefer", "wait"}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.headers.value("preference-applied"), QByteArray("wait"));
        const auto p = r.json().object();
        QCOMPARE(p.value("status").toString(), QStringLiteral("succeeded"));
        QCOMPARE(p.value("output").toString(), QStringLiteral("hello Alice"));
        QCOMPARE(p.value("id").toString().size(), 26);
        QVERIFY(QRegularExpression("^[a-z0-9]{26}$").match(p.value("id").toString()).hasMatch());
        QCOMPARE(p.value("model").toString(), QStringLiteral("replicate/hello-world"));
        QVERIFY(p.value("created_at").toString().endsWith('Z'));
        QVERIFY(p.value("metrics").toObject().value("predict_time").toDouble() >= 0);
        QVERIFY(p.value("metrics").toObject().contains("total_time"));
        QCOMPARE(p.value("source").toString(), QStringLiteral("api"));
        QCOMPARE(p.value("data_removed").toBool(true), false);
        // Output is a string here, an array in the recording: compare all but output.
        const auto shape = recorded("prediction_succeeded");
        compareShape(p, shape.value("shape").toObject(), {"output"});
        compareShape(p.value("urls").toObject(), shape.value("urls").toObject());
        const QString get = p.value("urls").toObject().value("get").toString();
        QCOMPARE(get, url("/v1/predictions/" + p.value("id").toString()).toString());
        // GET answers the same document.
        auto again = httpRequest(QUrl(get), "GET", auth());
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().object().value("output"), p.value("output"));
    }

    void asyncCreateMatchesRecordedShape() {
        auto r = post("/v1/models/replicant/sleep/predictions",
                      {{"input", QJsonObject{{"seconds", 0.2}}}});
        QCOMPARE(r.status, 201);
        const auto p = r.json().object();
        QCOMPARE(p.value("status").toString(), QStringLiteral("starting"));
        QVERIFY(p.value("output").isNull());
        compareShape(p, recorded("prediction_created").value("shape").toObject());
        // The echoed input holds what the caller sent, not the defaults the model received.
        QCOMPARE(p.value("input").toObject().keys(), QStringList{"seconds"});
        QCOMPARE(waitUntilDone(p.value("id").toString()).value("output").toString(),
                 QStringLiteral("slept 0.2 seconds"));
    }

    void modelAndVersionMatchRecordedShapes() {
        auto m = httpRequest(url("/v1/models/replicate/hello-world"), "GET", auth());
        QCOMPARE(m.status, 200);
        compareShape(m.json().object(), recorded("model").value("shape").toObject());
        const auto latest = m.json().object().value("latest_version").toObject();
        QCOMPARE(latest.value("id").toString(), kHello);
        compareShape(latest, recorded("version").value("shape").toObject(), {"openapi_schema"});
        QVERIFY(latest.value("openapi_schema")
                    .toObject()
                    .value("components")
                    .toObject()
                    .value("schemas")
                    .toObject()
                    .contains("Input"));
        auto v =
            httpRequest(url("/v1/models/replicate/hello-world/versions/" + kHello), "GET", auth());
        QCOMPARE(v.status, 200);
        QCOMPARE(v.json().object().value("id").toString(), kHello);
        auto list = httpRequest(url("/v1/models"), "GET", auth());
        compareShape(list.json().object(), recorded("page").value("shape").toObject());
        // Built-ins get a cover once their example ran: the example's image, or a title card.
        QString cover;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(cover = httpRequest(url("/v1/models/replicate/hello-world"), "GET", auth())
                          .json()
                          .object()
                          .value("cover_image_url")
                          .toString())
                 .isEmpty(),
            15000);
        QVERIFY2(cover.startsWith(m_server.baseUrl().toString() + "/files/"), qPrintable(cover));
        auto image = httpRequest(QUrl(cover));
        QCOMPARE(image.status, 200);
        QCOMPARE(image.headers.value("content-type"), QByteArray("image/png"));
        auto hw = httpRequest(url("/v1/hardware"), "GET", auth());
        QVERIFY(hw.json().isArray());
        QCOMPARE(hw.json().array().first().toObject().value("sku").toString(),
                 QStringLiteral("cpu"));
    }

    void createModelAndOwnership() {
        const QString me = account();
        auto r = post("/v1/models", {{"owner", me},
                                     {"name", "my-model"},
                                     {"visibility", "private"},
                                     {"hardware", "cpu"},
                                     {"description", "An example model"}});
        QCOMPARE(r.status, 201);
        compareShape(r.json().object(), recorded("model_created").value("shape").toObject());
        QCOMPARE(r.json().object().value("run_count").toInt(-1), 0);
        QVERIFY(r.json().object().value("latest_version").isNull());
        QCOMPARE(post("/v1/models", {{"owner", me},
                                     {"name", "my-model"},
                                     {"visibility", "private"},
                                     {"hardware", "cpu"}})
                     .status,
                 409);
        QCOMPARE(post("/v1/models", {{"owner", "someone-else"},
                                     {"name", "x"},
                                     {"visibility", "public"},
                                     {"hardware", "cpu"}})
                     .status,
                 403);
        auto bad =
            post("/v1/models",
                 {{"owner", me}, {"name", "y"}, {"visibility", "secret"}, {"hardware", "tpu"}});
        QCOMPARE(bad.status, 422);
        QCOMPARE(bad.json().object().value("invalid_fields").toArray().size(), 2);
        // A version registered without a runner: predictions fail and say why.
        auto v = post("/replicant/v1/models/" + me + "/my-model/versions",
                      {{"openapi_schema", QJsonObject{}}});
        QCOMPARE(v.status, 201);
        const QString versionId = v.json().object().value("id").toString();
        QCOMPARE(versionId.size(), 64);
        auto p = post("/v1/predictions", {{"version", versionId}, {"input", QJsonObject{}}},
                      {{"Prefer", "wait=5"}});
        QCOMPARE(p.status, 201);
        QCOMPARE(p.json().object().value("status").toString(), QStringLiteral("failed"));
        QVERIFY(p.json().object().value("error").toString().contains("runner"));
        // Deleting needs the version gone first.
        QCOMPARE(httpRequest(url("/v1/models/" + me + "/my-model"), "DELETE", auth()).status, 409);
        QCOMPARE(httpRequest(url("/v1/models/" + me + "/my-model/versions/" + versionId), "DELETE",
                             auth())
                     .status,
                 202);
        QCOMPARE(httpRequest(url("/v1/models/" + me + "/my-model"), "DELETE", auth()).status, 204);
        QCOMPARE(httpRequest(url("/v1/models/" + me + "/my-model"), "GET", auth()).status, 404);
    }

    void python37VersionsAreRefused() {
        const QString me = account();
        QCOMPARE(post("/v1/models", {{"owner", me},
                                     {"name", "old-python"},
                                     {"visibility", "private"},
                                     {"hardware", "cpu"}})
                     .status,
                 201);
        auto v = post(
            "/replicant/v1/models/" + me + "/old-python/versions",
            {{"openapi_schema", QJsonObject{{"openapi", "3.0.2"}}}, {"python_version", "3.7"}});
        QCOMPARE(v.status, 201);
        auto p = post("/v1/predictions", {{"version", v.json().object().value("id").toString()},
                                          {"input", QJsonObject{}}});
        QCOMPARE(p.status, 422);
        QVERIFY(p.json().object().value("detail").toString().contains("Python 3.7"));
    }

    void versionReferenceForms() {
        const auto input = QJsonObject{{"text", "x"}};
        for (const QString& ref :
             {kHello, "replicate/hello-world:" + kHello, QString("replicate/hello-world")}) {
            auto r =
                post("/v1/predictions", {{"version", ref}, {"input", input}}, {{"Prefer", "wait"}});
            QCOMPARE(r.status, 201);
            QCOMPARE(r.json().object().value("version").toString(), kHello);
        }
        auto wrongModel =
            post("/v1/predictions", {{"version", "replicate/canary:" + kHello}, {"input", input}});
        QCOMPARE(wrongModel.status, 422);
        QCOMPARE(wrongModel.json().object().value("title").toString(),
                 QStringLiteral("Invalid version or not permitted"));
        QCOMPARE(post("/v1/models/nobody/nothing/predictions", {{"input", input}}).status, 404);
    }

    void validationErrorsInTheRealShape() {
        auto r = post("/v1/predictions", {{"model", "x"}, {"input", QJsonObject{}}});
        QCOMPARE(r.status, 422);
        QCOMPARE(r.body, QByteArray(R"({"title":"Input validation failed","detail":"- version is )"
                                    R"(required\n- Additional property model is not allowed\n",)"
                                    R"("status":422,"invalid_fields":[{"type":"required",)"
                                    R"("field":"","description":"version is required"},)"
                                    R"({"type":"additional_property_not_allowed","field":"",)"
                                    R"("description":"Additional property model is not )"
                                    R"(allowed"}]})"));
        auto missing = post("/v1/predictions", {{"version", kHello}, {"input", QJsonObject{}}});
        QCOMPARE(missing.status, 422);
        const auto field =
            missing.json().object().value("invalid_fields").toArray().first().toObject();
        QCOMPARE(field.value("type").toString(), QStringLiteral("required"));
        QCOMPARE(field.value("field").toString(), QStringLiteral("input"));
        auto range = post("/v1/models/replicant/sleep/predictions",
                          {{"input", QJsonObject{{"seconds", 1000}}}});
        QCOMPARE(range.status, 422);
        QCOMPARE(range.json()
                     .object()
                     .value("invalid_fields")
                     .toArray()
                     .first()
                     .toObject()
                     .value("type")
                     .toString(),
                 QStringLiteral("number_lte"));
        auto badJson = httpRequest(url("/v1/predictions"), "POST", jsonHeaders(), "{nope");
        QCOMPARE(badJson.status, 400);
        QCOMPARE(badJson.headers.value("content-type"), QByteArray("application/problem+json"));
        auto form = auth();
        form.insert("Content-Type", "application/x-www-form-urlencoded");
        QCOMPARE(httpRequest(url("/v1/predictions"), "POST", form, "a=b").status, 415);
        auto badHeader =
            post("/v1/predictions", {{"version", kHello}, {"input", QJsonObject{{"text", "x"}}}},
                 {{"Cancel-After", "2s"}});
        QCOMPARE(badHeader.status, 400);
    }

    void waitRunsOutAndAnswersUnfinished() {
        QElapsedTimer t;
        t.start();
        auto r = post("/v1/models/replicant/sleep/predictions",
                      {{"input", QJsonObject{{"seconds", 3}}}}, {{"Prefer", "wait=1"}});
        QVERIFY(t.elapsed() >= 900 && t.elapsed() < 6000);  // generous: CI machines are busy
        QCOMPARE(r.status, 201);
        QCOMPARE(r.headers.value("preference-applied"), QByteArray("wait=1"));
        const auto p = r.json().object();
        // Clients take any status but `starting` as done; never pass partial work off as done.
        QCOMPARE(p.value("status").toString(), QStringLiteral("starting"));
        QVERIFY(p.value("output").isNull());
        QCOMPARE(QString::fromLatin1(r.headers.value("location")),
                 p.value("urls").toObject().value("get").toString());
        cancel(p.value("id").toString());
    }

    void cancelIsImmediateAndIdempotent() {
        auto r = post("/v1/models/replicant/sleep/predictions",
                      {{"input", QJsonObject{{"seconds", 30}}}});
        const QString id = r.json().object().value("id").toString();
        QTRY_COMPARE_WITH_TIMEOUT(get(id).value("status").toString(), QStringLiteral("processing"),
                                  5000);
        auto c = cancel(id);
        QCOMPARE(c.status, 200);
        const auto p = c.json().object();
        QCOMPARE(p.value("status").toString(), QStringLiteral("canceled"));
        QVERIFY(!p.value("completed_at").isNull());
        QVERIFY(p.value("metrics").toObject().contains("predict_time"));
        compareShape(p, recorded("prediction_canceled").value("shape").toObject(),
                     {"webhook_completed"});
        auto again = cancel(id);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().object().value("completed_at"), p.value("completed_at"));
        QCOMPARE(cancel("doesnotexist00000000000000").status, 404);
    }

    void queuedPredictionsStayStarting() {
        // replicant/sleep runs one prediction at a time.
        auto first = post("/v1/models/replicant/sleep/predictions",
                          {{"input", QJsonObject{{"seconds", 1.5}}}});
        auto second = post("/v1/models/replicant/sleep/predictions",
                           {{"input", QJsonObject{{"seconds", 0.1}}}});
        const QString a = first.json().object().value("id").toString();
        const QString b = second.json().object().value("id").toString();
        QTRY_COMPARE_WITH_TIMEOUT(get(a).value("status").toString(), QStringLiteral("processing"),
                                  5000);
        QCOMPARE(get(b).value("status").toString(), QStringLiteral("starting"));
        QCOMPARE(waitUntilDone(b).value("status").toString(), QStringLiteral("succeeded"));
        QVERIFY(get(a).value("completed_at").toString() <= get(b).value("started_at").toString());
    }

    void cancelAfterDeadlines() {
        // One runs into its deadline (canceled, at 8 s); one queued behind it reaches its own
        // deadline first (5 s) and never starts (aborted).
        auto running = post("/v1/models/replicant/sleep/predictions",
                            {{"input", QJsonObject{{"seconds", 30}}}}, {{"Cancel-After", "8s"}});
        auto queued = post("/v1/models/replicant/sleep/predictions",
                           {{"input", QJsonObject{{"seconds", 1}}}}, {{"Cancel-After", "5"}});
        const auto r = running.json().object();
        QVERIFY(r.contains("deadline"));
        const auto doneRunning = waitUntilDone(r.value("id").toString(), 12000);
        const auto doneQueued = waitUntilDone(queued.json().object().value("id").toString(), 12000);
        QCOMPARE(doneRunning.value("status").toString(), QStringLiteral("canceled"));
        QCOMPARE(doneQueued.value("status").toString(), QStringLiteral("aborted"));
        QVERIFY(doneQueued.value("started_at").isNull());
    }

    void failedPredictionsCarryTheError() {
        auto r =
            post("/v1/models/replicant/sleep/predictions",
                 {{"input", QJsonObject{{"seconds", 0}, {"fail", true}}}}, {{"Prefer", "wait"}});
        QCOMPARE(r.json().object().value("status").toString(), QStringLiteral("failed"));
        QVERIFY(r.json().object().value("error").toString().contains("fail=true"));
    }

    void canaryStreamsTokens() {
        auto r =
            post("/v1/predictions", {{"version", kCanary}, {"input", QJsonObject{{"text", "Bob"}}}},
                 {{"Prefer", "wait"}});
        const auto out = r.json().object().value("output").toArray();
        QString joined;
        for (const auto& v : out)
            joined += v.toString();
        QCOMPARE(joined, QStringLiteral("hello there, Bob"));
        QCOMPARE(out.size(), 3);
    }

    void listPagesNewestFirstWithCursors() {
        ServerProcess fresh;
        QVERIFY(fresh.start(
            {"--token", QString::fromLatin1(kToken), "--rate-limit", "off", "--quiet"}));
        QStringList created;
        for (int i = 0; i < 205; ++i) {
            auto r = httpRequest(
                fresh.baseUrl().resolved(QUrl("/v1/predictions")), "POST", jsonHeaders(),
                QJsonDocument(QJsonObject{{"version", kHello},
                                          {"input", QJsonObject{{"text", QString::number(i)}}}})
                    .toJson());
            QCOMPARE(r.status, 201);
            created.prepend(r.json().object().value("id").toString());
        }
        auto page1 = httpRequest(fresh.baseUrl().resolved(QUrl("/v1/predictions")), "GET", auth())
                         .json()
                         .object();
        QCOMPARE(page1.value("results").toArray().size(), 100);
        QVERIFY(page1.value("previous").isNull());
        const QString next = page1.value("next").toString();
        QVERIFY2(next.startsWith(fresh.baseUrl().toString() + "/v1/predictions?cursor="),
                 qPrintable(next));
        auto page2 = httpRequest(QUrl(next), "GET", auth()).json().object();
        auto page3 =
            httpRequest(QUrl(page2.value("next").toString()), "GET", auth()).json().object();
        QCOMPARE(page3.value("results").toArray().size(), 5);
        QVERIFY(page3.value("next").isNull());
        QStringList seen;
        for (const auto& page : {page1, page2, page3})
            for (const auto& p : page.value("results").toArray())
                seen << p.toObject().value("id").toString();
        QCOMPARE(seen, created);
        // previous of page 2 is page 1 again.
        auto back =
            httpRequest(QUrl(page2.value("previous").toString()), "GET", auth()).json().object();
        QCOMPARE(back.value("results"), page1.value("results"));
        // Filters.
        const QString middle =
            page2.value("results").toArray().at(50).toObject().value("created_at").toString();
        auto after =
            httpRequest(fresh.baseUrl().resolved(QUrl("/v1/predictions?created_after=" + middle)),
                        "GET", auth())
                .json()
                .object();
        QCOMPARE(after.value("results").toArray().size(), 100);
        for (const auto& p : after.value("results").toArray())
            QVERIFY(p.toObject().value("created_at").toString() >= middle);  // at or after
        // The filter carries over to the next page.
        QVERIFY(after.value("next").toString().contains("created_after="));
        auto rest =
            httpRequest(QUrl(after.value("next").toString()), "GET", auth()).json().object();
        QCOMPARE(rest.value("results").toArray().size(), 51);
        QCOMPARE(
            httpRequest(fresh.baseUrl().resolved(QUrl("/v1/predictions?created_before=garbage")),
                        "GET", auth())
                .status,
            400);
        QCOMPARE(
            httpRequest(fresh.baseUrl().resolved(QUrl("/v1/predictions?cursor=zzz")), "GET", auth())
                .status,
            400);
        QCOMPARE(fresh.stop(), 0);
    }

    void othersPredictionsAreNotFound() {
        auto r =
            post("/v1/predictions", {{"version", kHello}, {"input", QJsonObject{{"text", "x"}}}},
                 {{"Prefer", "wait"}});
        const QString id = r.json().object().value("id").toString();
        // The built-in models' default examples belong to their owner, not to this account.
        auto example = httpRequest(url("/v1/models/replicate/hello-world"), "GET", auth())
                           .json()
                           .object()
                           .value("default_example")
                           .toObject();
        QVERIFY(!example.isEmpty());
        QCOMPARE(
            httpRequest(url("/v1/predictions/" + example.value("id").toString()), "GET", auth())
                .status,
            404);
        QCOMPARE(get(id).value("id").toString(), id);
    }

    void rateLimitHeadersAnd429() {
        ServerProcess limited;
        QVERIFY(limited.start({"--token", QString::fromLatin1(kToken), "--quiet"}));
        auto first = httpRequest(limited.baseUrl().resolved(QUrl("/v1/account")), "GET", auth());
        QCOMPARE(first.headers.value("ratelimit-remaining"), QByteArray("2999"));
        QCOMPARE(first.headers.value("ratelimit-reset"), QByteArray("1"));
        int throttled = 0;
        QByteArray retryAfter, body;
        for (int i = 0; i < 700 && throttled == 0; ++i) {
            auto r = httpRequest(limited.baseUrl().resolved(QUrl("/v1/predictions")), "POST",
                                 jsonHeaders(), R"({"version":"nope","input":{}})");
            if (r.status == 429) {
                ++throttled;
                retryAfter = r.headers.value("retry-after");
                body = r.body;
            }
        }
        QCOMPARE(throttled, 1);
        QVERIFY(retryAfter.toInt() >= 1);
        QVERIFY2(body.contains("Request was throttled"), body.constData());
        QCOMPARE(limited.stop(), 0);
    }

private:
    QUrl url(const QString& path) const { return m_server.baseUrl().resolved(QUrl(path)); }
    static QMap<QByteArray, QByteArray> auth() { return {{"Authorization", "Bearer " + kToken}}; }
    static QMap<QByteArray, QByteArray> jsonHeaders() {
        auto h = auth();
        h.insert("Content-Type", "application/json");
        return h;
    }
    HttpResult post(const QString& path, const QJsonObject& body,
                    const QMap<QByteArray, QByteArray>& extra = {}) {
        auto h = jsonHeaders();
        for (auto it = extra.begin(); it != extra.end(); ++it)
            h.insert(it.key(), it.value());
        return httpRequest(url(path), "POST", h,
                           QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    QJsonObject get(const QString& id) {
        return httpRequest(url("/v1/predictions/" + id), "GET", auth()).json().object();
    }
    HttpResult cancel(const QString& id) {
        return httpRequest(url("/v1/predictions/" + id + "/cancel"), "POST", jsonHeaders());
    }
    QJsonObject waitUntilDone(const QString& id, int timeoutMs = 10000) {
        QElapsedTimer t;
        t.start();
        for (;;) {
            const auto p = get(id);
            const QString s = p.value("status").toString();
            if ((s != "starting" && s != "processing") || t.elapsed() > timeoutMs)
                return p;
            QTest::qWait(50);
        }
    }
    QString account() {
        return httpRequest(url("/v1/account"), "GET", auth())
            .json()
            .object()
            .value("username")
            .toString();
    }
    ServerProcess m_server;
};

// A prediction acknowledged to a client survives kill -9; ones that were running are failed.
class DurabilityTest : public QObject {
    Q_OBJECT

private slots:
    void survivesKill9() {
        QTemporaryDir dir;
        const QStringList args = {
            "--token", QString::fromLatin1(kToken), "--rate-limit", "off", "--quiet", "--data-dir",
            dir.path()};
        QStringList acknowledged;
        QString running;
        {
            ServerProcess server;
            QVERIFY(server.start(args));
            auto headers = QMap<QByteArray, QByteArray>{{"Authorization", "Bearer " + kToken},
                                                        {"Content-Type", "application/json"}};
            for (int i = 0; i < 50; ++i) {
                auto r =
                    httpRequest(server.baseUrl().resolved(QUrl("/v1/predictions")), "POST", headers,
                                QJsonDocument(QJsonObject{{"version", kHello},
                                                          {"input", QJsonObject{{"text", "k"}}}})
                                    .toJson());
                QCOMPARE(r.status, 201);
                acknowledged << r.json().object().value("id").toString();
            }
            auto slow = httpRequest(
                server.baseUrl().resolved(QUrl("/v1/models/replicant/sleep/predictions")), "POST",
                headers, R"({"input":{"seconds":60}})");
            running = slow.json().object().value("id").toString();
            QTRY_VERIFY_WITH_TIMEOUT(
                httpRequest(server.baseUrl().resolved(QUrl("/v1/predictions/" + running)), "GET",
                            headers)
                        .json()
                        .object()
                        .value("status")
                        .toString() == "processing",
                5000);
            ::kill(static_cast<pid_t>(server.process().processId()), SIGKILL);
            QVERIFY(server.process().waitForFinished(5000));
        }
        ServerProcess restarted;
        QVERIFY(restarted.start(args));
        auto headers = QMap<QByteArray, QByteArray>{{"Authorization", "Bearer " + kToken}};
        for (const auto& id : acknowledged) {
            auto r = httpRequest(restarted.baseUrl().resolved(QUrl("/v1/predictions/" + id)), "GET",
                                 headers);
            QCOMPARE(r.status, 200);
        }
        const auto p = httpRequest(restarted.baseUrl().resolved(QUrl("/v1/predictions/" + running)),
                                   "GET", headers)
                           .json()
                           .object();
        QCOMPARE(p.value("status").toString(), QStringLiteral("failed"));
        QVERIFY(p.value("error").toString().contains("server stopped"));
        QVERIFY(!p.value("completed_at").isNull());
        QCOMPARE(restarted.stop(), 0);
    }
};

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int status = 0;
    {
        PredictionsTest t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        DurabilityTest t;
        status |= QTest::qExec(&t, argc, argv);
    }
    return status;
}

#include "test_predictions.moc"
