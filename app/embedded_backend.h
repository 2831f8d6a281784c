#pragma once

#include <QString>
#include <QUrl>

#include <cstdint>
#include <filesystem>
#include <memory>

#include "replicant/backend/result.h"
#include "replicant/backend/server.h"

namespace replicant::app {

// The platform running inside the desktop app, on 127.0.0.1 with its own threads, and the API
// token the desktop uses with it. The token lives in QSettings ("embedded/token"): the backend
// keeps only hashes, so the desktop mints one ("desktop") the first time, or whenever the data
// dir is new, and hands the saved one back to the backend on later runs.
class EmbeddedBackend {
public:
    static constexpr const char* kTokenKey = "embedded/token";

    struct Options {
        std::uint16_t port = backend::kDefaultPort;  // busy: falls back to a free port
        std::filesystem::path dataDir;               // empty: backend::defaultDataDir()
    };

    explicit EmbeddedBackend(Options options);
    ~EmbeddedBackend();
    EmbeddedBackend(const EmbeddedBackend&) = delete;
    EmbeddedBackend& operator=(const EmbeddedBackend&) = delete;

    backend::Result<void> start();
    void stop();

    QUrl baseUrl() const;
    QString token() const { return m_token; }
    std::filesystem::path dataDir() const { return m_dataDir; }
    // Why the requested port could not be used, when start() fell back to a free one.
    const QString& fallbackReason() const { return m_fallbackReason; }

private:
    backend::Result<std::string> startServer(const backend::ServerOptions& options);

    Options m_options;
    std::filesystem::path m_dataDir;
    std::unique_ptr<backend::Server> m_server;
    QString m_token;
    QString m_fallbackReason;
};

}  // namespace replicant::app
