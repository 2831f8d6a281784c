#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace replicant::backend {

// The port both programs use unless told otherwise (documented in README.md).
inline constexpr std::uint16_t kDefaultPort = 5327;

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = kDefaultPort;  // 0 picks a free port
    std::filesystem::path dataDir;      // empty: defaultDataDir()
    // A token to accept for the default account. Empty: keep the stored ones, and generate one
    // only when the store has none yet.
    std::string token;
    std::string username;                          // default account; empty: from $USER
    std::size_t maxBodyBytes = 110 * 1024 * 1024;  // files may be up to 100 MB
    unsigned threads = 0;                          // HTTP threads; 0: a sensible default
    unsigned workers = 0;                          // model worker threads; 0: a sensible default
    bool rateLimit = true;                         // the real API's limits; off for local load work
    bool logRequests = true;
};

// $XDG_DATA_HOME/replicant, or ~/.local/share/replicant.
std::filesystem::path defaultDataDir();

}  // namespace replicant::backend
