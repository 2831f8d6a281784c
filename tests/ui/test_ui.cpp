// Widget tests: the API client, the account page, the theme and the main window, against a
// real replicant::backend::Server on a free port with a throwaway data dir.
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <memory>
#include <optional>

#include "replicant/backend/server.h"
#include "replicant/ui/account_page.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/main_window.h"
#include "replicant/ui/settings.h"
#include "replicant/widgets/badge.h"
#include "replicant/widgets/theme.h"
#include "replicant/widgets/theme_switch.h"

using replicant::ui::Account;
using replicant::ui::AccountPage;
using replicant::ui::ApiClient;
using replicant::ui::ApiResult;
using replicant::ui::MainWindow;
using replicant::widgets::Theme;
namespace settings = replicant::ui::settings;

namespace {
const QString kToken = QStringLiteral("r8_UiTestToken0123456789abcdefghijklmnop");
const QString kUsername = QStringLiteral("tester");

// QVERIFY2 evaluates its message even when the check passes.
template <class T>
QByteArray why(const ApiResult<T>& result) {
    return result.ok() ? QByteArray() : result.error().message().toUtf8();
}

QSettings appSettings() {
    return QSettings(settings::kOrganization, settings::kApplication);
}
}  // namespace

class UiTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void fetchAccountReturnsTheUsername();
    void requestReturnsJsonAndSendsTheUserAgent();
    void wrongTokenIsUnauthenticated();
    void unreachableServerIsAConnectionError();
    void accountPageShowsTheAccount();
    void accountPageShowsTheErrorInPlace();
    void themeSwitchesPalettes();
    void mainWindowPersistsTheThemeChoice();
    void footerShowsAddressAndCopiesToken();

private:
    std::optional<ApiResult<Account>> fetchAccount(ApiClient& client);

    QTemporaryDir m_dataDir;
    QTemporaryDir m_configDir;
    std::unique_ptr<replicant::backend::Server> m_server;
    QUrl m_baseUrl;
};

void UiTest::initTestCase() {
    QVERIFY(m_dataDir.isValid());
    QVERIFY(m_configDir.isValid());
    // Never touch the real user's settings.
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_configDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_configDir.path());

    replicant::backend::ServerOptions options;
    options.port = 0;
    options.dataDir = m_dataDir.path().toStdString();
    options.token = kToken.toStdString();
    options.username = kUsername.toStdString();
    options.logRequests = false;
    m_server = std::make_unique<replicant::backend::Server>(options);
    const auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().detail.c_str());
    m_baseUrl = QUrl(QString::fromStdString(started.value()));
}

void UiTest::cleanupTestCase() {
    m_server->stop();
}

void UiTest::init() {
    appSettings().clear();
}

std::optional<ApiResult<Account>> UiTest::fetchAccount(ApiClient& client) {
    std::optional<ApiResult<Account>> result;
    client.fetchAccount(this, [&result](const ApiResult<Account>& r) { result = r; });
    // QTRY_* cannot return a value; the caller checks has_value().
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10'000))
        qWarning("no answer from the API within 10 s");
    return result;
}

void UiTest::fetchAccountReturnsTheUsername() {
    ApiClient client(m_baseUrl, kToken);
    const auto result = fetchAccount(client);
    QVERIFY(result.has_value());
    QVERIFY2(result->ok(), why(*result).constData());
    QCOMPARE(result->value().username, kUsername);
    QCOMPARE(result->value().type, QStringLiteral("user"));
}

void UiTest::requestReturnsJsonAndSendsTheUserAgent() {
    QVERIFY(ApiClient::userAgent().startsWith("replicant-desktop/"));
    ApiClient client(m_baseUrl, kToken);
    QCOMPARE(client.urlFor(QStringLiteral("/v1/account")).toString(),
             m_baseUrl.toString() + QStringLiteral("/v1/account"));

    std::optional<ApiResult<QJsonDocument>> result;
    client.request("GET", QStringLiteral("/health"), {}, this,
                   [&result](const ApiResult<QJsonDocument>& r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->ok(), why(*result).constData());
    QCOMPARE(result->value().object().value(QLatin1String("status")).toString(),
             QStringLiteral("ok"));
}

void UiTest::wrongTokenIsUnauthenticated() {
    ApiClient client(m_baseUrl, QStringLiteral("r8_wrong"));
    const auto result = fetchAccount(client);
    QVERIFY(result.has_value());
    QVERIFY(!result->ok());
    QCOMPARE(result->error().status, 401);
    QCOMPARE(result->error().title, QStringLiteral("Unauthenticated"));
    QVERIFY(result->error().detail.contains(QLatin1String("valid authentication token")));
    QCOMPARE(result->error().body.value(QLatin1String("status")).toInt(), 401);
}

void UiTest::unreachableServerIsAConnectionError() {
    // A port that was free a moment ago: nothing listens there now.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    ApiClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), kToken);
    const auto result = fetchAccount(client);
    QVERIFY(result.has_value());
    QVERIFY(!result->ok());
    QCOMPARE(result->error().status, 0);
    QCOMPARE(result->error().title, QStringLiteral("Connection failed"));
    QVERIFY(!result->error().detail.isEmpty());
}

void UiTest::accountPageShowsTheAccount() {
    ApiClient client(m_baseUrl, kToken);
    AccountPage page(&client);
    QSignalSpy states(&page, &AccountPage::stateChanged);
    page.show();  // showing the page loads it
    QCOMPARE(page.state(), AccountPage::State::Loading);
    QTRY_COMPARE(page.state(), AccountPage::State::Loaded);
    QCOMPARE(states.first().first().value<AccountPage::State>(), AccountPage::State::Loading);

    auto* username = page.findChild<QLabel*>(QStringLiteral("accountUsername"));
    QVERIFY(username);
    QCOMPARE(username->text(), kUsername);
    QVERIFY(username->isVisible());
    QCOMPARE(page.findChild<QLabel*>(QStringLiteral("accountType"))->text(),
             QStringLiteral("user"));
    QVERIFY(!page.findChild<QLabel*>(QStringLiteral("accountLoading"))->isVisible());

    // Refresh loads again.
    auto* refresh = page.findChild<QPushButton*>(QStringLiteral("accountRefresh"));
    QVERIFY(refresh);
    states.clear();
    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_COMPARE(page.state(), AccountPage::State::Loaded);
    QCOMPARE(states.count(), 2);
    QVERIFY(refresh->isEnabled());
}

void UiTest::accountPageShowsTheErrorInPlace() {
    ApiClient client(m_baseUrl, QStringLiteral("r8_wrong"));
    AccountPage page(&client);
    page.show();
    QTRY_COMPARE(page.state(), AccountPage::State::Failed);
    auto* error = page.findChild<QLabel*>(QStringLiteral("accountError"));
    QVERIFY(error);
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("Unauthenticated \u2014 You did not pass a valid "
                                           "authentication token"));
    QCOMPARE(page.errorText(), error->text());
    QVERIFY(!page.findChild<QLabel*>(QStringLiteral("accountUsername"))->isVisible());
}

void UiTest::themeSwitchesPalettes() {
    Theme theme(Theme::Mode::Light);
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    QVERIFY(!theme.isDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);

    QSignalSpy changed(&theme, &Theme::changed);
    QSignalSpy modeChanged(&theme, &Theme::modeChanged);
    theme.setMode(Theme::Mode::Dark);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toBool(), true);
    QCOMPARE(modeChanged.first().first().value<Theme::Mode>(), Theme::Mode::Dark);
    QVERIFY(theme.isDark());
    QWidget widget;  // a widget picks up the application palette
    QVERIFY(widget.palette().color(QPalette::Window).lightness() < 60);
    QVERIFY(widget.palette().color(QPalette::Base).lightness() < 60);
    QVERIFY(widget.palette().color(QPalette::WindowText).lightness() > 180);

    // Existing widgets get the new palette through a posted event.
    theme.setMode(Theme::Mode::Light);
    QVERIFY(!theme.isDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
    QTRY_VERIFY(widget.palette().color(QPalette::Window).lightness() > 200);
    QVERIFY(widget.palette().color(QPalette::WindowText).lightness() < 80);

    QCOMPARE(Theme::modeFromName(u"Dark"), Theme::Mode::Dark);
    QCOMPARE(Theme::modeFromName(u"bogus"), std::nullopt);
    QCOMPARE(Theme::modeName(Theme::Mode::System), QStringLiteral("system"));
}

void UiTest::mainWindowPersistsTheThemeChoice() {
    Theme theme(Theme::Mode::Light);
    ApiClient client(m_baseUrl, kToken);
    {
        MainWindow window(&client, &theme);
        window.show();
        QCOMPARE(window.currentPageId(), QStringLiteral("explore"));  // the first page
        window.showPage(QStringLiteral("account"));
        QCOMPARE(window.currentPageId(), QStringLiteral("account"));
        QTRY_COMPARE(window.accountPage()->state(), AccountPage::State::Loaded);
        QCOMPARE(window.themeSwitch()->selectedMode(), Theme::Mode::Light);

        auto* dark = window.themeSwitch()->findChild<QToolButton*>(QStringLiteral("theme-dark"));
        QVERIFY(dark);
        QTest::mouseClick(dark, Qt::LeftButton);
        QCOMPARE(theme.mode(), Theme::Mode::Dark);
        QVERIFY(theme.isDark());
        QCOMPARE(appSettings().value(settings::kTheme).toString(), QStringLiteral("dark"));
        QCOMPARE(settings::savedThemeMode(), Theme::Mode::Dark);

        // A change made through the Theme (like --theme) is not a choice to remember...
        theme.setMode(Theme::Mode::Light);
        QCOMPARE(settings::savedThemeMode(), Theme::Mode::Dark);
        // ...but the switch follows it.
        QCOMPARE(window.themeSwitch()->selectedMode(), Theme::Mode::Light);
        window.close();
    }
    QVERIFY(appSettings().contains(settings::kGeometry));
    QCOMPARE(appSettings().value(settings::kPage).toString(), QStringLiteral("account"));
}

void UiTest::footerShowsAddressAndCopiesToken() {
    Theme theme(Theme::Mode::Light);
    ApiClient client(m_baseUrl, kToken);
    MainWindow window(&client, &theme);
    window.show();
    auto* address = window.findChild<QToolButton*>(QStringLiteral("footerConnection"));
    QVERIFY(address);
    QCOMPARE(address->text(), QStringLiteral("Embedded server \u00b7 ") +
                                  m_baseUrl.toString(QUrl::StripTrailingSlash));
    auto* state = window.findChild<replicant::widgets::Badge*>(QStringLiteral("connectionState"));
    QVERIFY(state);
    QTRY_COMPARE(state->text(), QStringLiteral("Reachable"));

    auto* copy = window.findChild<QToolButton*>(QStringLiteral("copyToken"));
    QVERIFY(copy);
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), kToken);
    QCOMPARE(copy->text(), QStringLiteral("Copied"));
    QTRY_COMPARE(copy->text(), QStringLiteral("Copy token"));
}

QTEST_MAIN(UiTest)
#include "test_ui.moc"
