#include "embedded_backend.h"

#include <QSettings>

#include <system_error>

#include "replicant/ui/settings.h"

namespace replicant::app {

namespace {
// A data dir without any file in it (or none at all) has no tokens the desktop could know.
bool isNewDataDir(const std::filesystem::path& dir) {
    std::error_code ec;
    return !std::filesystem::exists(dir, ec) || std::filesystem::is_empty(dir, ec);
}
}  // namespace

EmbeddedBackend::EmbeddedBackend(Options options) : m_options(std::move(options)) {
    m_dataDir = m_options.dataDir.empty() ? backend::defaultDataDir() : m_options.dataDir;
}

EmbeddedBackend::~EmbeddedBackend() {
    stop();
}

backend::Result<std::string> EmbeddedBackend::startServer(const backend::ServerOptions& options) {
    m_server = std::make_unique<backend::Server>(options);
    auto started = m_server->start();
    if (started || options.port == 0 || started.error().code != backend::ErrorCode::Unavailable)
        return started;
    // The port is taken (often another Replicant): any free port will do for the desktop.
    m_fallbackReason = QString::fromStdString(started.error().detail);
    auto fallback = options;
    fallback.port = 0;
    m_server = std::make_unique<backend::Server>(fallback);
    return m_server->start();
}

backend::Result<void> EmbeddedBackend::start() {
    QSettings store(ui::settings::kOrganization, ui::settings::kApplication);
    QString token = store.value(QLatin1String(kTokenKey)).toString();
    const bool mint = token.isEmpty() || isNewDataDir(m_dataDir);

    backend::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = m_options.port;
    options.dataDir = m_dataDir;
    options.token = mint ? std::string() : token.toStdString();
    options.logRequests = false;  // a log line per request would bury the app's own messages
    if (auto started = startServer(options); !started)
        return started.error();

    if (mint) {
        auto created = m_server->createToken("desktop");
        if (!created) {
            stop();
            return created.error();
        }
        token = QString::fromStdString(created.value());
        store.setValue(QLatin1String(kTokenKey), token);
    }
    m_token = token;
    return {};
}

void EmbeddedBackend::stop() {
    if (m_server)
        m_server->stop();
}

QUrl EmbeddedBackend::baseUrl() const {
    return m_server ? QUrl(QString::fromStdString(m_server->baseUrl())) : QUrl();
}

}  // namespace replicant::app
