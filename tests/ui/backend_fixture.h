#pragma once

// A real replicant::backend::Server for the GUI tests, on a free port with a throwaway data dir
// and a known token, plus a few helpers that talk to it through the app's own API client.
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>

#include "replicant/backend/server.h"
#include "replicant/ui/client/api_client.h"

namespace test {

inline const QString kToken = QStringLiteral("r8_UiTestToken0123456789abcdefghijklmnop");
inline const QString kUsername = QStringLiteral("tester");

// Why a call failed, for QVERIFY2 (which evaluates its message even when the check passes).
inline QString why(const std::optional<replicant::ui::ApiResult<QJsonDocument>>& result) {
    if (!result)
        return QStringLiteral("no answer");
    return result->ok() ? QString() : result->error().message();
}

class BackendFixture {
public:
    // Call from initTestCase(); QVERIFY-style failures are reported through `ok`.
    bool start(QString* why) {
        if (!m_dataDir.isValid() || !m_configDir.isValid()) {
            *why = QStringLiteral("no temporary directory");
            return false;
        }
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
        options.rateLimit = false;
        m_server = std::make_unique<replicant::backend::Server>(options);
        const auto started = m_server->start();
        if (!started.ok()) {
            *why = QString::fromStdString(started.error().detail);
            return false;
        }
        m_baseUrl = QUrl(QString::fromStdString(started.value()));
        return true;
    }
    void stop() {
        if (m_server)
            m_server->stop();
    }
    QUrl baseUrl() const { return m_baseUrl; }

    // A blocking call for test set-up (the GUI under test never blocks like this).
    std::optional<replicant::ui::ApiResult<QJsonDocument>> call(const QByteArray& method,
                                                                const QString& path,
                                                                const QJsonObject& body = {}) {
        replicant::ui::ApiClient client(m_baseUrl, kToken);
        std::optional<replicant::ui::ApiResult<QJsonDocument>> result;
        QObject context;
        client.request(method, path, body.isEmpty() ? QJsonDocument() : QJsonDocument(body),
                       &context, [&result](const auto& r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15'000))
            qWarning("no answer from the test server within 15 s");
        return result;
    }

private:
    QTemporaryDir m_dataDir;
    QTemporaryDir m_configDir;
    std::unique_ptr<replicant::backend::Server> m_server;
    QUrl m_baseUrl;
};

}  // namespace test
