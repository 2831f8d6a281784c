// The connection setting end to end: the app starts on one server (in-process), switches to a
// second `replicant-server` started here (Explore then lists what only that one has), then to a
// dead address (the error and a retry in place, the footer says "Unreachable"), and back. Also:
// what is saved (the token only when asked), the dialog's checks, and the URL parser.
#include <QAbstractItemModel>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "backend_fixture.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/connection_dialog.h"
#include "replicant/ui/explore_page.h"
#include "replicant/ui/main_window.h"
#include "replicant/ui/settings.h"
#include "replicant/widgets/badge.h"
#include "replicant/widgets/theme.h"

using namespace replicant::ui;
using replicant::widgets::Theme;

namespace {
const QString kSecondToken = QStringLiteral("r8_SecondServerToken0123456789abcdefghij");
const QString kOnlyOnSecond = QStringLiteral("second/only-on-second");

QStringList listedModels(ExplorePage* page) {
    QStringList names;
    const QAbstractItemModel* model = page->view()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, 0).data(Qt::UserRole + 1).toString();
    return names;
}

QString footerState(MainWindow& window) {
    return window.findChild<replicant::widgets::Badge*>(QStringLiteral("connectionState"))->text();
}

QString footerConnection(MainWindow& window) {
    return window.findChild<QToolButton*>(QStringLiteral("footerConnection"))->text();
}
}  // namespace

class ConnectionTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void parsesBaseUrls();
    void switchesServersLive();
    void savesTheChoiceAndTheTokenOnlyWhenAsked();
    void dialogChecksItsFields();

private:
    test::BackendFixture m_first;
    QTemporaryDir m_secondData;
    QProcess m_second;
    QUrl m_secondUrl;
};

void ConnectionTest::initTestCase() {
    QString why;
    QVERIFY2(m_first.start(&why), qPrintable(why));
    // The second server: the real executable, on a free port, with its own data and token.
    m_second.setProgram(QStringLiteral(REPLICANT_SERVER_BIN));
    m_second.setArguments(
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"),
         m_secondData.path(), QStringLiteral("--token"), kSecondToken, QStringLiteral("--username"),
         QStringLiteral("second"), QStringLiteral("--quiet"), QStringLiteral("--no-examples")});
    m_second.setProcessChannelMode(QProcess::MergedChannels);
    m_second.start();
    QVERIFY2(m_second.waitForStarted(10'000), qPrintable(m_second.errorString()));
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += m_second.readAll()).contains("listening on http://"),
                             30'000);
    const int at = output.indexOf("listening on ") + 13;
    m_secondUrl = QUrl(QString::fromUtf8(output.mid(at, output.indexOf('\n', at) - at).trimmed()));
    QVERIFY2(m_secondUrl.isValid() && m_secondUrl.port() > 0, output.constData());

    // A model that only the second server has.
    ApiClient client(m_secondUrl, kSecondToken);
    std::optional<ApiResult<QJsonDocument>> created;
    QObject context;
    client.request(
        "POST", QStringLiteral("/v1/models"),
        QJsonDocument(QJsonObject{{QStringLiteral("owner"), QStringLiteral("second")},
                                  {QStringLiteral("name"), QStringLiteral("only-on-second")},
                                  {QStringLiteral("visibility"), QStringLiteral("public")},
                                  {QStringLiteral("hardware"), QStringLiteral("gpu-t4")}}),
        &context, [&created](const auto& r) { created = r; });
    QTRY_VERIFY_WITH_TIMEOUT(created.has_value(), 15'000);
    QVERIFY2(created->ok(), qPrintable(test::why(created)));
}

void ConnectionTest::cleanupTestCase() {
    m_second.terminate();
    if (!m_second.waitForFinished(10'000))
        m_second.kill();
    m_first.stop();
}

void ConnectionTest::parsesBaseUrls() {
    QString problem;
    QCOMPARE(Connection::parseBaseUrl(QStringLiteral("localhost:5327"), &problem),
             QUrl(QStringLiteral("http://localhost:5327")));
    QCOMPARE(Connection::parseBaseUrl(QStringLiteral(" https://api.example.org/v1/ ")),
             QUrl(QStringLiteral("https://api.example.org")));
    QCOMPARE(Connection::parseBaseUrl(QStringLiteral("http://h:1/replicant/")),
             QUrl(QStringLiteral("http://h:1/replicant")));
    QVERIFY(Connection::parseBaseUrl(QString(), &problem).isEmpty());
    QVERIFY(!problem.isEmpty());
    QVERIFY(Connection::parseBaseUrl(QStringLiteral("ftp://host"), &problem).isEmpty());
    QVERIFY(problem.contains(QLatin1String("http")));
    QVERIFY(Connection::parseBaseUrl(QStringLiteral("http://"), &problem).isEmpty());
    QVERIFY(Connection::parseBaseUrl(QStringLiteral("http://h/?x=1"), &problem).isEmpty());
}

void ConnectionTest::switchesServersLive() {
    const Connection embedded{Connection::Kind::Embedded, m_first.baseUrl(), test::kToken};
    Theme theme(Theme::Mode::Light);
    ApiClient client;
    client.setConnection(embedded);
    MainWindow window(&client, &theme);
    window.setEmbeddedConnection(embedded);
    window.show();
    QVERIFY(window.openLocation(QStringLiteral("explore")));
    ExplorePage* explore = window.explorePage();
    QTRY_VERIFY_WITH_TIMEOUT(explore->isReady() && explore->loadedCount() > 0, 15'000);
    QVERIFY(!listedModels(explore).contains(kOnlyOnSecond));
    QTRY_COMPARE_WITH_TIMEOUT(footerState(window), QStringLiteral("Reachable"), 10'000);
    QVERIFY(footerConnection(window).startsWith(QLatin1String("Embedded server")));

    // The second server: Explore reloads and lists its own model.
    window.applyConnection({Connection::Kind::Remote, m_secondUrl, kSecondToken}, false);
    QVERIFY(!explore->isReady());
    QTRY_VERIFY_WITH_TIMEOUT(listedModels(explore).contains(kOnlyOnSecond), 15'000);
    QVERIFY(footerConnection(window).startsWith(QLatin1String("Replicant server")));
    QVERIFY(footerConnection(window).contains(m_secondUrl.toString(QUrl::StripTrailingSlash)));
    QTRY_COMPARE_WITH_TIMEOUT(footerState(window), QStringLiteral("Reachable"), 10'000);

    // The right server but a wrong token: the footer says the token is refused.
    window.applyConnection({Connection::Kind::Remote, m_secondUrl, QStringLiteral("r8_wrong")},
                           false);
    QTRY_COMPARE_WITH_TIMEOUT(footerState(window), QStringLiteral("Token refused"), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(!explore->errorText().isEmpty(), 10'000);

    // A dead address: a clear error in place with Refresh, never a crash.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const QUrl dead(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
    probe.close();
    window.applyConnection({Connection::Kind::Remote, dead, kSecondToken}, false);
    QTRY_VERIFY_WITH_TIMEOUT(explore->isReady(), 15'000);
    QVERIFY2(!explore->errorText().isEmpty(), "a dead server shows an error");
    auto* status = explore->findChild<QLabel*>(QStringLiteral("exploreStatus"));
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().contains(dead.toString()), qPrintable(status->text()));
    QCOMPARE(explore->loadedCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(footerState(window), QStringLiteral("Unreachable"), 10'000);
    auto* refresh = explore->findChild<QPushButton*>(QStringLiteral("exploreRefresh"));
    QVERIFY(refresh->isEnabled());
    QTest::mouseClick(refresh, Qt::LeftButton);  // the retry fails the same way, in place
    QTRY_VERIFY_WITH_TIMEOUT(explore->isReady() && !explore->errorText().isEmpty(), 15'000);

    // Back to the embedded server: its models again, without the second's.
    window.applyConnection(embedded, false);
    QTRY_VERIFY_WITH_TIMEOUT(explore->isReady() && explore->loadedCount() > 0, 15'000);
    QVERIFY(explore->errorText().isEmpty());
    QVERIFY(!listedModels(explore).contains(kOnlyOnSecond));
    QTRY_COMPARE_WITH_TIMEOUT(footerState(window), QStringLiteral("Reachable"), 10'000);
}

void ConnectionTest::savesTheChoiceAndTheTokenOnlyWhenAsked() {
    const Connection embedded{Connection::Kind::Embedded, m_first.baseUrl(), test::kToken};
    const Connection second{Connection::Kind::Remote, m_secondUrl, kSecondToken};
    settings::saveConnection(second, false);
    Connection saved = settings::savedConnection(embedded);
    QCOMPARE(saved.kind, Connection::Kind::Remote);
    QCOMPARE(saved.baseUrl, m_secondUrl);
    QVERIFY(saved.token.isEmpty());
    QVERIFY(!settings::hasRememberedToken());

    settings::saveConnection(second, true);
    QCOMPARE(settings::savedConnection(embedded), second);

    // The embedded server's token is the app's business: never written by this setting.
    settings::saveConnection(embedded, true);
    QCOMPARE(settings::savedConnection(embedded), embedded);
    QVERIFY(!settings::hasRememberedToken());
}

void ConnectionTest::dialogChecksItsFields() {
    const Connection embedded{Connection::Kind::Embedded, m_first.baseUrl(), test::kToken};
    const Connection current{Connection::Kind::Remote, m_secondUrl, kSecondToken};
    ConnectionDialog dialog(current, embedded);
    dialog.show();
    // The token in use is not shown, and an empty field keeps it.
    QVERIFY(dialog.tokenEdit()->text().isEmpty());
    QCOMPARE(dialog.tokenEdit()->echoMode(), QLineEdit::Password);
    QCOMPARE(dialog.connection(), current);

    dialog.urlEdit()->setText(QStringLiteral("ftp://nowhere"));
    dialog.accept();
    QVERIFY(dialog.isVisible());  // refused in place
    QVERIFY(dialog.statusText().contains(QLatin1String("http")));

    // Test asks the server without switching.
    dialog.urlEdit()->setText(m_secondUrl.toString());
    dialog.test();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().contains(QLatin1String("signed in as second")),
                             10'000);
    dialog.tokenEdit()->setText(QStringLiteral("r8_wrong"));
    dialog.test();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().contains(QLatin1String("refuses the token")),
                             10'000);

    // REPLICANT_SCREENSHOT_DIR: pictures of the dialog, light and dark, showing a refused token.
    if (const QString dir = qEnvironmentVariable("REPLICANT_SCREENSHOT_DIR"); !dir.isEmpty()) {
        for (const auto mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
            Theme theme(mode);
            dialog.setPalette(QApplication::palette());
            QTest::qWait(50);
            QVERIFY(dialog.grab().save(
                QStringLiteral("%1/connection-dialog-%2.png").arg(dir, Theme::modeName(mode))));
        }
    }

    dialog.setKind(Connection::Kind::Embedded);
    QCOMPARE(dialog.connection(), embedded);
    QVERIFY(!dialog.tokenEdit()->isEnabled());
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

QTEST_MAIN(ConnectionTest)
#include "test_connection.moc"
