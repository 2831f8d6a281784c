// Unit tests of backend internals: store and migrations, accounts and tokens, routing, helpers.
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "core/accounts.h"
#include "http/dispatcher.h"
#include "http/problem.h"
#include "http/router.h"
#include "store/database.h"
#include "store/migrations.h"
#include "util/clock.h"
#include "util/crypto.h"

using namespace replicant::backend;

namespace {
std::unique_ptr<store::Database> openDb(const QTemporaryDir& dir) {
    auto db = store::Database::open((dir.path() + "/t.db").toStdString());
    return db ? std::move(db.value()) : nullptr;
}

http::Route route(std::string method, std::string pattern) {
    return {std::move(method), std::move(pattern), false, http::BodyType::None,
            http::SyncHandler([](const http::RequestContext&) { return http::Response{}; })};
}
}  // namespace

class BackendUnitTest : public QObject {
    Q_OBJECT

private slots:
    void databaseUsesWal() {
        QTemporaryDir dir;
        auto db = openDb(dir);
        QVERIFY(db);
        auto st = db->prepare("PRAGMA journal_mode");
        QVERIFY(st);
        QVERIFY(st->step());
        QCOMPARE(QString::fromStdString(st->text(0)), QStringLiteral("wal"));
    }

    void migrationsApplyOnceAndAreIdempotent() {
        QTemporaryDir dir;
        auto db = openDb(dir);
        QCOMPARE(db->userVersion(), 0);
        QVERIFY(store::migrate(*db).ok());
        const int newest = store::migrations().back().version;
        QCOMPARE(db->userVersion(), newest);
        QVERIFY(store::migrate(*db).ok());  // second run changes nothing
        QCOMPARE(db->userVersion(), newest);
        QVERIFY(db->exec("SELECT count(*) FROM accounts").ok());
    }

    void failedMigrationRollsBack() {
        QTemporaryDir dir;
        auto db = openDb(dir);
        const store::Migration steps[] = {{1, "CREATE TABLE a (x);"},
                                          {2, "CREATE TABLE b (y); THIS IS NOT SQL;"}};
        auto r = store::migrate(*db, steps);
        QVERIFY(!r.ok());
        QVERIFY(QString::fromStdString(r.error().detail).contains("migration 2"));
        QCOMPARE(db->userVersion(), 1);
        QVERIFY(!db->exec("SELECT * FROM b").ok());  // the half-done step left nothing behind
    }

    void newerSchemaIsRefused() {
        QTemporaryDir dir;
        auto db = openDb(dir);
        QVERIFY(db->exec("PRAGMA user_version = 999").ok());
        auto r = store::migrate(*db);
        QVERIFY(!r.ok());
        QVERIFY(QString::fromStdString(r.error().detail).contains("newer"));
    }

    void tokensAreHashedAndAuthenticate() {
        QTemporaryDir dir;
        auto db = openDb(dir);
        QVERIFY(store::migrate(*db).ok());
        core::AccountService accounts(*db);
        auto account = accounts.ensureDefaultAccount("alice");
        QVERIFY(account.ok());
        QCOMPARE(QString::fromStdString(account->username), QStringLiteral("alice"));
        // A second call returns the same account rather than creating another.
        QCOMPARE(accounts.ensureDefaultAccount("bob")->id, account->id);

        auto token = accounts.createToken(account->id, "test");
        QVERIFY(token.ok());
        QCOMPARE(token->size(), std::size_t{40});
        QVERIFY(token->starts_with("r8_"));
        QVERIFY(accounts.authenticate(*token).has_value());
        QVERIFY(!accounts.authenticate(*token + "x").has_value());
        QVERIFY(!accounts.authenticate("").has_value());

        auto st = db->prepare("SELECT token_hash FROM api_tokens");
        QVERIFY(st && st->step());
        QCOMPARE(st->text(0), util::sha256Hex(*token));

        QVERIFY(accounts.registerToken(account->id, *token, "again").ok());  // idempotent
        QCOMPARE(*accounts.tokenCount(account->id), std::int64_t{1});
    }

    void sha256KnownAnswer() {
        QCOMPARE(
            QString::fromStdString(util::sha256Hex("abc")),
            QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void randomIdsHaveTheApiShape() {
        std::set<std::string> seen;
        for (int i = 0; i < 1000; ++i) {
            const auto id = util::randomId();
            QCOMPARE(id.size(), std::size_t{26});
            for (char c : id)
                QVERIFY((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
            seen.insert(id);
        }
        QCOMPARE(seen.size(), std::size_t{1000});
    }

    void timestampsAreRfc3339Utc() {
        const auto t = std::chrono::system_clock::time_point{} + std::chrono::seconds(1700000000) +
                       std::chrono::microseconds(42);
        QCOMPARE(QString::fromStdString(util::rfc3339(t)),
                 QStringLiteral("2023-11-14T22:13:20.000042Z"));
    }

    void routerMatchesParamsAndMethods() {
        http::Router router;
        router.add(route("GET", "/v1/models/{owner}/{name}"));
        router.add(route("PATCH", "/v1/models/{owner}/{name}"));
        router.add(route("QUERY", "/v1/models"));
        auto m = router.match("GET", "/v1/models/acme/hello");
        QVERIFY(m.route);
        QCOMPARE(QString::fromStdString(m.params.at("owner")), QStringLiteral("acme"));
        QCOMPARE(QString::fromStdString(m.params.at("name")), QStringLiteral("hello"));
        QVERIFY(router.match("QUERY", "/v1/models").route);
        auto wrong = router.match("DELETE", "/v1/models/acme/hello");
        QVERIFY(!wrong.route);
        QCOMPARE(wrong.allowed.size(), std::size_t{2});
        auto none = router.match("GET", "/v1/models/acme");
        QVERIFY(!none.route);
        QVERIFY(none.allowed.empty());
        QVERIFY_THROWS_EXCEPTION(std::logic_error,
                                 router.add(route("GET", "/v1/models/{owner}/{name}")));
    }

    void authorizationHeaderSchemes() {
        QCOMPARE(http::tokenFromAuthorization("Bearer r8_abc"), std::string("r8_abc"));
        QCOMPARE(http::tokenFromAuthorization("bearer r8_abc "), std::string("r8_abc"));
        QCOMPARE(http::tokenFromAuthorization("Token r8_abc"), std::string("r8_abc"));
        QCOMPARE(http::tokenFromAuthorization("Basic abc"), std::string());
        QCOMPARE(http::tokenFromAuthorization(""), std::string());
    }

    void problemBodies() {
        auto res =
            http::problem(makeError(ErrorCode::Unprocessable, "bad", "Input validation failed"),
                          {{"invalid_fields", boost::json::array{}}});
        QCOMPARE(res.result_int(), 422u);
        QCOMPARE(QString::fromStdString(std::string(res[http::bhttp::field::content_type])),
                 QStringLiteral("application/problem+json"));
        QCOMPARE(QString::fromStdString(res.body()),
                 QStringLiteral(R"({"title":"Input validation failed","detail":"bad",)"
                                R"("status":422,"invalid_fields":[]})"));
        // No title: the key is left out, as the real API does for 404s.
        auto notFound = http::problem(makeError(ErrorCode::NotFound, "gone"));
        QCOMPARE(QString::fromStdString(notFound.body()),
                 QStringLiteral(R"({"detail":"gone","status":404})"));
    }
};

QTEST_GUILESS_MAIN(BackendUnitTest)
#include "test_backend_unit.moc"
