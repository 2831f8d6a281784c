// The command line of replicant-bench, and the request bytes it implies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace replicant::bench {

struct Target {
    std::string host = "127.0.0.1";
    std::uint16_t port = 5327;
};

struct Options {
    std::string url = "http://127.0.0.1:5327";
    Target target;
    std::string token;
    std::string method = "POST";
    std::string path = "/v1/models/replicate/hello-world/predictions";
    // Unset: the default prediction body for methods that carry one, none for GET/HEAD.
    std::optional<std::string> body;
    std::vector<std::string> headers;  // "Name: value"; "Name:" removes a default header
    std::size_t connections = 1;
    double duration = 10;
    double warmup = 1;
    std::uint64_t requests = 0;  // > 0: stop after this many measured responses
    std::string idsOut;
    std::string verifyIds;
    bool json = false;
};

// Parses argv into `out`. Returns -1 to go on, otherwise the exit code (0 after --help,
// 2 on a usage error, already reported on stderr).
int parseOptions(int argc, char** argv, Options& out);

// One complete HTTP/1.1 request: Host, Authorization (from --token), the defaults
// (Prefer: wait when `preferWait`, Content-Type for a body) unless --header overrides them,
// the --header lines, Content-Length and the body.
std::string buildRequest(const Options& o, const std::string& method, const std::string& path,
                         const std::optional<std::string>& body, bool preferWait);

}  // namespace replicant::bench
