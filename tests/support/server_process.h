#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace replicant::tests {

// A replicant-server child process on a free loopback port with a temporary data dir.
class ServerProcess {
public:
    ServerProcess() = default;
    ~ServerProcess();

    // Starts the server with `args` (plus --listen 127.0.0.1:0 and --data-dir unless given) and
    // waits for the "listening on" line. Returns false with the output in lastOutput().
    bool start(const QStringList& args = {}, const QMap<QString, QString>& env = {});
    // Sends SIGTERM and waits; returns the exit code (-1 on crash or timeout).
    int stop();

    QUrl baseUrl() const { return m_baseUrl; }
    QString dataDir() const { return m_dataDir.path(); }
    QString stdoutText() const { return m_stdout; }
    QString lastOutput() const;
    QProcess& process() { return m_process; }

    static QString binary();

private:
    QProcess m_process;
    QTemporaryDir m_dataDir;
    QUrl m_baseUrl;
    QString m_stdout;
};

struct HttpResult {
    int status = 0;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers;  // lower-case names
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

// One request over a fresh connection, waiting (with a timeout) for the whole response.
HttpResult httpRequest(const QUrl& url, const QByteArray& method = "GET",
                       const QMap<QByteArray, QByteArray>& headers = {},
                       const QByteArray& body = {});

}  // namespace replicant::tests
