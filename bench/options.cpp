#include "options.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string_view>

namespace replicant::bench {

namespace {

constexpr const char* kDefaultBody = R"({"input":{"text":"bench"}})";

void printHelp() {
    std::printf(
        "Usage: replicant-bench [options]\n"
        "\n"
        "A closed-loop HTTP load generator for Replicant: N keep-alive connections, each with one\n"
        "request in flight, on one event-loop thread. By default it sends synchronous predictions\n"
        "of replicate/hello-world (POST with 'Prefer: wait').\n"
        "\n"
        "Options:\n"
        "  --url URL            server base URL, http only (default http://127.0.0.1:5327)\n"
        "  --token TOKEN        API token, sent as 'Authorization: Bearer TOKEN'\n"
        "                       (default $REPLICANT_TOKEN)\n"
        "  --connections N, -c  concurrent connections (default 1)\n"
        "  --duration S, -d     measured seconds (default 10)\n"
        "  --requests N, -n     stop after N measured responses instead of after --duration\n"
        "  --warmup S           seconds of load before measuring starts (default 1)\n"
        "  --method M           request method (default POST)\n"
        "  --path P             request path (default\n"
        "                       /v1/models/replicate/hello-world/predictions)\n"
        "  --body JSON          request body (default {\"input\":{\"text\":\"bench\"}}; none for "
        "GET)\n"
        "  --header 'N: V'      add a header (repeatable). Replaces a default of the same name\n"
        "                       (Prefer: wait, Content-Type: application/json); 'N:' drops it\n"
        "  --ids-out FILE       append the \"id\" of every 2xx response to FILE, one per line,\n"
        "                       written within milliseconds (warm-up included)\n"
        "  --verify-ids FILE    instead of load: GET /v1/predictions/{id} for every id of FILE\n"
        "                       over --connections connections; prints 'N acknowledged,\n"
        "                       N found, N missing'; exits 1 unless all were found\n"
        "  --json               print the summary as one JSON object\n"
        "  --help               show this help\n"
        "\n"
        "Printed: requests and errors (non-2xx) in the measured window, predictions/s (2xx\n"
        "responses per second), latency p50/p90/p99/max in ms, the generator's own CPU use.\n"
        "Exit status: 0 all 2xx, 1 some non-2xx (or none at all), 2 usage, 3 cut short: "
        "connection\n"
        "lost or SIGINT/SIGTERM (the run stops; the ids acknowledged so far stay in --ids-out).\n");
}

int usageError(const std::string& message) {
    std::fprintf(stderr, "replicant-bench: %s\nTry 'replicant-bench --help'.\n", message.c_str());
    return 2;
}

bool parseUrl(std::string_view url, Target& t) {
    constexpr std::string_view scheme = "http://";
    if (url.substr(0, scheme.size()) != scheme)
        return false;
    url.remove_prefix(scheme.size());
    if (const auto slash = url.find('/'); slash != std::string_view::npos) {
        if (url.substr(slash) != "/")
            return false;  // a base path would be silently ignored: refuse it instead
        url = url.substr(0, slash);
    }
    std::string_view host = url, port = "80";
    if (const auto colon = url.rfind(':');
        colon != std::string_view::npos && url.find(']', colon) == std::string_view::npos) {
        host = url.substr(0, colon);
        port = url.substr(colon + 1);
    }
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host.empty() || port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    const long value = std::strtol(std::string(port).c_str(), nullptr, 10);
    if (value <= 0 || value > 65535)
        return false;
    t.host = host;
    t.port = static_cast<std::uint16_t>(value);
    return true;
}

bool parsePositive(const char* text, double& out) {
    char* end = nullptr;
    out = std::strtod(text, &end);
    return end && *end == '\0' && end != text && out >= 0;
}

bool parseCount(const char* text, std::uint64_t& out) {
    char* end = nullptr;
    out = std::strtoull(text, &end, 10);
    return end && *end == '\0' && end != text && text[0] != '-';
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string headerName(std::string_view line) {
    return lower(line.substr(0, line.find(':')));
}

}  // namespace

int parseOptions(int argc, char** argv, Options& o) {
    if (const char* env = std::getenv("REPLICANT_TOKEN"); env && *env)
        o.token = env;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const char* v = nullptr;
        auto needs = [&]() {
            if (i + 1 >= argc)
                return false;
            v = argv[++i];
            return true;
        };
        static constexpr std::string_view kWithValue[] = {
            "--url",      "--token", "--connections", "-c",          "--duration", "-d",
            "--requests", "-n",      "--warmup",      "--method",    "--path",     "--body",
            "--header",   "-H",      "--ids-out",     "--verify-ids"};
        const bool takesValue =
            std::find(std::begin(kWithValue), std::end(kWithValue), arg) != std::end(kWithValue);
        if (takesValue && !needs())
            return usageError(std::string(arg) + " needs a value");
        if (arg == "--help" || arg == "-h") {
            printHelp();
            return 0;
        } else if (arg == "--json") {
            o.json = true;
        } else if (arg == "--url") {
            o.url = v;
            if (!o.url.empty() && o.url.back() == '/')
                o.url.pop_back();
            if (!parseUrl(v, o.target))
                return usageError("--url expects http://HOST:PORT, got '" + std::string(v) + "'");
        } else if (arg == "--token") {
            o.token = v;
        } else if (arg == "--connections" || arg == "-c") {
            std::uint64_t n = 0;
            if (!parseCount(v, n) || n == 0 || n > 10000)
                return usageError("--connections expects 1..10000");
            o.connections = static_cast<std::size_t>(n);
        } else if (arg == "--duration" || arg == "-d") {
            if (!parsePositive(v, o.duration) || o.duration == 0)
                return usageError("--duration expects a positive number of seconds");
        } else if (arg == "--requests" || arg == "-n") {
            if (!parseCount(v, o.requests) || o.requests == 0)
                return usageError("--requests expects a positive count");
        } else if (arg == "--warmup") {
            if (!parsePositive(v, o.warmup))
                return usageError("--warmup expects a number of seconds");
        } else if (arg == "--method") {
            o.method = v;
            if (o.method.empty() || o.method.find_first_of(" \r\n") != std::string::npos)
                return usageError("--method expects a method token");
        } else if (arg == "--path") {
            o.path = v;
            if (o.path.empty() || o.path.front() != '/' ||
                o.path.find_first_of(" \r\n") != std::string::npos)
                return usageError("--path expects an absolute path without spaces");
        } else if (arg == "--body") {
            o.body = v;
        } else if (arg == "--header" || arg == "-H") {
            const std::string_view h = v;
            if (h.find(':') == std::string_view::npos || h.find_first_of("\r\n") != h.npos)
                return usageError("--header expects 'Name: value'");
            o.headers.emplace_back(h);
        } else if (arg == "--ids-out") {
            o.idsOut = v;
        } else if (arg == "--verify-ids") {
            o.verifyIds = v;
        } else {
            return usageError("unknown option '" + std::string(arg) + "'");
        }
    }
    if (!o.body && o.method != "GET" && o.method != "HEAD")
        o.body = kDefaultBody;
    if (o.verifyIds.empty() && !o.idsOut.empty() && o.method == "HEAD")
        return usageError("--ids-out needs responses with a body");
    return -1;
}

std::string buildRequest(const Options& o, const std::string& method, const std::string& path,
                         const std::optional<std::string>& body, bool preferWait) {
    auto overridden = [&](std::string_view name) {
        return std::any_of(o.headers.begin(), o.headers.end(),
                           [&](const std::string& h) { return headerName(h) == name; });
    };
    std::string r = method + " " + path + " HTTP/1.1\r\nHost: " + o.target.host + ":" +
                    std::to_string(o.target.port) + "\r\n";
    if (!o.token.empty() && !overridden("authorization"))
        r += "Authorization: Bearer " + o.token + "\r\n";
    if (preferWait && !overridden("prefer"))
        r += "Prefer: wait\r\n";
    if (body && !overridden("content-type"))
        r += "Content-Type: application/json\r\n";
    for (const auto& h : o.headers) {
        const std::string_view value = std::string_view(h).substr(h.find(':') + 1);
        if (value.find_first_not_of(" \t") == std::string_view::npos)
            continue;  // "Name:" only removes the default
        r += h + "\r\n";
    }
    if (body)
        r += "Content-Length: " + std::to_string(body->size()) + "\r\n";
    r += "\r\n";
    if (body)
        r += *body;
    return r;
}

}  // namespace replicant::bench
