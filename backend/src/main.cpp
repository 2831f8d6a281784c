// replicant-server: the Replicant platform, headless.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "replicant/backend/server.h"

using replicant::backend::Server;
using replicant::backend::ServerOptions;

namespace {
void printHelp() {
    std::printf(
        "Usage: replicant-server [options]\n"
        "\n"
        "Runs the Replicant platform (a local re-implementation of the Replicate HTTP API).\n"
        "\n"
        "Options:\n"
        "  --listen HOST:PORT  address to listen on (default 127.0.0.1:%u; port 0 picks a free\n"
        "                      port). The bound address is printed as\n"
        "                      'listening on http://HOST:PORT'.\n"
        "  --data-dir DIR      where the database and files live\n"
        "                      (default $XDG_DATA_HOME/replicant, else ~/.local/share/replicant)\n"
        "  --token TOKEN       accept this API token for the default account (also\n"
        "                      REPLICANT_TOKEN). Without one, a token is generated on first run\n"
        "                      and printed once; only its hash is stored.\n"
        "  --username NAME     username of the default account on first run (default: $USER)\n"
        "  --max-body BYTES    largest request body accepted (default 115343360)\n"
        "  --rate-limit on|off the real API's rate limits (default on; off for load tests)\n"
        "  --workers N         threads that run models (default: 4 per core, at least 8)\n"
        "  --quiet             do not log requests\n"
        "  --no-examples       do not run the built-in models' examples on a new data dir\n"
        "\n"
        "Cog runners (models served by Cog prediction servers; repeatable):\n"
        "  --cog OWNER/NAME=URL          a Cog server already running at URL\n"
        "  --cog-command OWNER/NAME=CMD  a command that starts one: it gets PORT in its\n"
        "                                environment and '--upload-url URL' appended, e.g.\n"
        "                                'python -m cog.server.http'; restarted if it dies\n"
        "  --cog-image OWNER/NAME=IMAGE  a Cog image, run with 'docker run --network host'\n"
        "  --config FILE       JSON: {\"runners\": [{\"model\": \"me/echo\", \"url\": \"...\"},\n"
        "                      {\"model\": ..., \"command\"|\"image\": ..., \"concurrency\": 1,\n"
        "                      \"hardware\": \"cpu\"}]}\n"
        "  --callback-url URL  how Cog servers reach this server for webhooks and uploads\n"
        "                      (default: the listening address)\n"
        "  Runners can also be added with POST /replicant/v1/runners.\n"
        "\n"
        "  --help              show this help\n"
        "  --version           show the version\n",
        static_cast<unsigned>(replicant::backend::kDefaultPort));
}

int usageError(const std::string& message) {
    std::fprintf(stderr, "replicant-server: %s\nTry 'replicant-server --help'.\n", message.c_str());
    return 2;
}

bool parseListen(std::string_view spec, ServerOptions& o) {
    const auto colon = spec.rfind(':');
    if (colon == std::string_view::npos)
        return false;
    std::string host(spec.substr(0, colon));
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const std::string port(spec.substr(colon + 1));
    if (host.empty() || port.empty() || port.find_first_not_of("0123456789") != std::string::npos)
        return false;
    const long value = std::strtol(port.c_str(), nullptr, 10);
    if (value > 65535)
        return false;
    if (host == "localhost")
        host = "127.0.0.1";
    o.host = host;
    o.port = static_cast<std::uint16_t>(value);
    return true;
}
}  // namespace

int main(int argc, char** argv) {
    ServerOptions options;
    if (const char* env = std::getenv("REPLICANT_TOKEN"); env && *env)
        options.token = env;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&](std::string_view name) -> const char* {
            if (i + 1 >= argc) {
                usageError(std::string(name) + " needs a value");
                return nullptr;
            }
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            printHelp();
            return 0;
        } else if (arg == "--version") {
            std::printf("replicant-server %s\n", replicant::backend::versionString().c_str());
            return 0;
        } else if (arg == "--listen") {
            const char* v = value(arg);
            if (!v)
                return 2;
            if (!parseListen(v, options))
                return usageError("--listen expects HOST:PORT, got '" + std::string(v) + "'");
        } else if (arg == "--data-dir") {
            const char* v = value(arg);
            if (!v)
                return 2;
            options.dataDir = v;
        } else if (arg == "--token") {
            const char* v = value(arg);
            if (!v)
                return 2;
            options.token = v;
        } else if (arg == "--username") {
            const char* v = value(arg);
            if (!v)
                return 2;
            options.username = v;
        } else if (arg == "--max-body") {
            const char* v = value(arg);
            if (!v)
                return 2;
            options.maxBodyBytes = std::strtoull(v, nullptr, 10);
            if (options.maxBodyBytes == 0)
                return usageError("--max-body expects a positive number of bytes");
        } else if (arg == "--rate-limit") {
            const char* v = value(arg);
            if (!v)
                return 2;
            const std::string_view mode = v;
            if (mode != "on" && mode != "off")
                return usageError("--rate-limit expects on or off");
            options.rateLimit = mode == "on";
        } else if (arg == "--workers") {
            const char* v = value(arg);
            if (!v)
                return 2;
            options.workers = static_cast<unsigned>(std::strtoul(v, nullptr, 10));
            if (options.workers == 0 || options.workers > 1024)
                return usageError("--workers expects a number from 1 to 1024");
        } else if (arg == "--quiet") {
            options.logRequests = false;
        } else if (arg == "--no-examples") {
            options.runExamples = false;
        } else if (arg == "--cog" || arg == "--cog-command" || arg == "--cog-image") {
            const char* v = value(arg);
            if (!v)
                return 2;
            const std::string spec = v;
            const auto eq = spec.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
                return usageError(std::string(arg) + " expects OWNER/NAME=VALUE");
            replicant::backend::CogRunnerOption r;
            r.model = spec.substr(0, eq);
            r.target = spec.substr(eq + 1);
            r.kind = arg == "--cog" ? "url" : arg == "--cog-command" ? "command" : "image";
            options.cogRunners.push_back(std::move(r));
        } else if (arg == "--config") {
            const char* v = value(arg);
            if (!v)
                return 2;
            options.configFile = v;
        } else if (arg == "--callback-url") {
            const char* v = value(arg);
            if (!v)
                return 2;
            options.callbackUrl = v;
        } else {
            return usageError("unknown option '" + std::string(arg) + "'");
        }
    }

    // Block the stop signals before any thread starts, so only sigwait below receives them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    Server server(options);
    auto started = server.start();
    if (!started) {
        std::fprintf(stderr, "replicant-server: %s\n", started.error().detail.c_str());
        return 1;
    }
    if (const auto token = server.generatedToken(); !token.empty()) {
        // Shown once: the store keeps only the hash.
        std::printf("generated API token (shown only once): %s\n", token.c_str());
    }
    std::printf("listening on %s\n", started->c_str());
    std::fflush(stdout);

    int received = 0;
    sigwait(&stopSignals, &received);
    std::fprintf(stderr, "replicant-server: %s received, shutting down\n",
                 received == SIGINT ? "SIGINT" : "SIGTERM");
    server.stop();
    return 0;
}
