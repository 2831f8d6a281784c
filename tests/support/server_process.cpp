#include "server_process.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

#include <csignal>

namespace replicant::tests {

QString ServerProcess::binary() {
    const QByteArray env = qgetenv("REPLICANT_SERVER");
    return env.isEmpty() ? QStringLiteral(REPLICANT_SERVER_BINARY) : QString::fromLocal8Bit(env);
}

ServerProcess::~ServerProcess() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServerProcess::start(const QStringList& args, const QMap<QString, QString>& env) {
    QStringList all = args;
    if (!all.contains("--listen"))
        all << "--listen"
            << "127.0.0.1:0";
    if (!all.contains("--data-dir"))
        all << "--data-dir" << m_dataDir.path();
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.remove("REPLICANT_TOKEN");
    for (auto it = env.begin(); it != env.end(); ++it)
        environment.insert(it.key(), it.value());
    m_process.setProcessEnvironment(environment);
    m_process.start(binary(), all);
    if (!m_process.waitForStarted(10000))
        return false;
    static const QRegularExpression listening("listening on (http://\\S+)");
    QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        if (!m_process.waitForReadyRead(200) && m_process.state() == QProcess::NotRunning)
            return false;
        m_stdout += QString::fromUtf8(m_process.readAllStandardOutput());
        if (auto match = listening.match(m_stdout); match.hasMatch()) {
            m_baseUrl = QUrl(match.captured(1));
            return true;
        }
    }
    return false;
}

int ServerProcess::stop() {
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(10000))
        return -1;
    m_stdout += QString::fromUtf8(m_process.readAllStandardOutput());
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString ServerProcess::lastOutput() const {
    auto& p = const_cast<QProcess&>(m_process);
    return m_stdout + QString::fromUtf8(p.readAllStandardOutput()) +
           QString::fromUtf8(p.readAllStandardError());
}

HttpResult httpRequest(const QUrl& url, const QByteArray& method,
                       const QMap<QByteArray, QByteArray>& headers, const QByteArray& body) {
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    for (auto it = headers.begin(); it != headers.end(); ++it)
        request.setRawHeader(it.key(), it.value());
    QNetworkReply* reply = manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto& pair : reply->rawHeaderPairs())
        result.headers.insert(pair.first.toLower(), pair.second);
    reply->deleteLater();
    return result;
}

}  // namespace replicant::tests
