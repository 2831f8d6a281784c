#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace replicant::backend {

// The port both programs use unless told otherwise (documented in README.md).
inline constexpr std::uint16_t kDefaultPort = 5327;

// A Cog prediction server that serves the model `model` ("owner/name"): `kind` is "url" (a
// running server), "command" (a command line Replicant starts with PORT set and
// `--upload-url <url>` appended) or "image" (a Cog image run with docker).
struct CogRunnerOption {
    std::string model;
    std::string kind;
    std::string target;
    int concurrency = 1;
    std::string hardware;  // empty: the model keeps its own (new models: cpu)
};

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
    bool runExamples = true;  // run each built-in's example once per data dir (for its page)
    std::vector<CogRunnerOption> cogRunners;
    std::filesystem::path configFile;  // JSON with a "runners" array of CogRunnerOption fields
    // How Cog servers reach this server for webhooks and uploads; empty: the bound address
    // (127.0.0.1 when bound to all interfaces).
    std::string callbackUrl;
};

// $XDG_DATA_HOME/replicant, or ~/.local/share/replicant.
std::filesystem::path defaultDataDir();

}  // namespace replicant::backend
