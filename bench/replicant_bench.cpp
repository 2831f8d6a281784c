// replicant-bench: a closed-loop HTTP load generator for Replicant's API (synchronous predictions
// above all), and the verifier of the kill -9 durability check. It shares the machine's cores
// with the server it measures, so it is built to cost little CPU: one event loop thread,
// pre-built request bytes, a minimal response parser, no JSON parsing.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "driver.h"
#include "options.h"

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace replicant::bench;

namespace {

// ---- small helpers ------------------------------------------------------------------------------

std::string jsonString(std::string_view s) {
    return boost::json::serialize(boost::json::string(s));
}

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double secondsBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

// The prediction id of a JSON response, found by string search: the first "id" key, which is
// the prediction's own (the server writes it first, and nested objects come later).
std::string_view findId(std::string_view body) {
    for (auto pos = body.find("\"id\""); pos != std::string_view::npos;
         pos = body.find("\"id\"", pos + 4)) {
        std::size_t p = pos + 4;
        auto skipSpace = [&] {
            while (p < body.size() && (body[p] == ' ' || body[p] == '\t' || body[p] == '\n'))
                ++p;
        };
        skipSpace();
        if (p >= body.size() || body[p] != ':')
            continue;
        ++p;
        skipSpace();
        if (p >= body.size() || body[p] != '"')
            continue;
        const auto end = body.find('"', p + 1);
        if (end != std::string_view::npos && end > p + 1)
            return body.substr(p + 1, end - p - 1);
    }
    return {};
}

bool isIdSafe(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

// Appends acknowledged ids to a file, one per line. Writes go straight to the kernel (no stdio
// buffer) at most a few milliseconds after the response, so whatever happens to the server, every
// id the generator saw is on disk; batching keeps it to a few hundred syscalls per second.
class IdWriter {
public:
    bool open(const std::string& path) {
        fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        buffer_.reserve(64 * 1024);
        return fd_ >= 0;
    }
    ~IdWriter() {
        flush();
        if (fd_ >= 0)
            ::close(fd_);
    }
    bool enabled() const { return fd_ >= 0; }
    std::size_t written() const { return count_; }

    void add(std::string_view id, Clock::time_point now) {
        buffer_.append(id);
        buffer_.push_back('\n');
        ++count_;
        if (buffer_.size() >= 32 * 1024 || now - lastFlush_ >= std::chrono::milliseconds(5)) {
            flush();
            lastFlush_ = now;
        }
    }

    void flush() {
        std::size_t off = 0;
        while (fd_ >= 0 && off < buffer_.size()) {
            const ssize_t n = ::write(fd_, buffer_.data() + off, buffer_.size() - off);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                std::fprintf(stderr, "replicant-bench: writing ids: %s\n", std::strerror(errno));
                break;
            }
            off += static_cast<std::size_t>(n);
        }
        buffer_.clear();
    }

private:
    int fd_ = -1;
    std::string buffer_;
    std::size_t count_ = 0;
    Clock::time_point lastFlush_{};
};

std::optional<tcp::endpoint> resolve(asio::io_context& ioc, const Target& target) {
    boost::system::error_code ec;
    tcp::resolver resolver(ioc);
    const auto results = resolver.resolve(target.host, std::to_string(target.port), ec);
    if (ec || results.empty()) {
        std::fprintf(stderr, "replicant-bench: cannot resolve %s: %s\n", target.host.c_str(),
                     ec ? ec.message().c_str() : "no address");
        return std::nullopt;
    }
    return results.begin()->endpoint();
}

// Stops the run on SIGINT/SIGTERM the same way a dead server does: cleanly, ids kept.
struct Interrupts {
    explicit Interrupts(asio::io_context& ioc, Driver& driver) : signals(ioc, SIGINT, SIGTERM) {
        signals.async_wait([&driver](const boost::system::error_code& ec, int) {
            if (!ec)
                driver.abort("interrupted");
        });
    }
    asio::signal_set signals;
};

// ---- load mode ----------------------------------------------------------------------------------

struct LoadResult {
    std::uint64_t ok = 0;
    std::uint64_t errors = 0;
    std::vector<std::uint64_t> latencies;  // nanoseconds, measured window only
    double seconds = 0;
    double cpuPercent = 0;
    std::string firstError;
    std::size_t idsWritten = 0;
    std::size_t idsNotFound = 0;
    std::size_t reconnects = 0;
    bool aborted = false;
    std::string abortReason;
};

LoadResult runLoad(const Options& o, asio::io_context& ioc, const tcp::endpoint& endpoint) {
    LoadResult r;
    r.latencies.reserve(1 << 20);
    const std::string request = buildRequest(o, o.method, o.path, o.body, true);
    const std::string_view requestView = request;

    IdWriter ids;
    if (!o.idsOut.empty() && !ids.open(o.idsOut)) {
        r.aborted = true;
        r.abortReason = "cannot open " + o.idsOut + ": " + std::strerror(errno);
        return r;
    }

    bool measuring = o.warmup <= 0;
    bool stopping = false;
    Clock::time_point measureStart = Clock::now(), measureEnd{};
    double cpuStart = cpuSeconds(), cpuEnd = 0;
    asio::steady_timer phase(ioc), drain(ioc);
    std::optional<Interrupts> interrupts;

    auto beginMeasuring = [&] {
        measuring = true;
        measureStart = Clock::now();
        cpuStart = cpuSeconds();
    };
    auto stopIssuing = [&](Clock::time_point at) {
        if (stopping)
            return;
        stopping = true;
        measureEnd = at;
        cpuEnd = cpuSeconds();
    };

    Driver* self = nullptr;
    // In-flight requests get this long to finish after the run; then the run is cut short.
    auto startDrain = [&] {
        drain.expires_after(std::chrono::seconds(30));
        drain.async_wait([&self](const boost::system::error_code& ec) {
            if (!ec)
                self->abort("requests still in flight 30 s after the end of the run");
        });
    };
    Driver::Hooks hooks;
    hooks.next = [&](std::size_t, std::string_view& out) {
        if (stopping)
            return false;
        out = requestView;
        return true;
    };
    hooks.done = [&](std::size_t, const Response& resp) {
        const bool success = resp.status >= 200 && resp.status < 300;
        if (success && ids.enabled()) {
            // Acknowledged is acknowledged, warm-up or not: every such id goes to the file.
            const auto id = findId(resp.body);
            if (id.empty())
                ++r.idsNotFound;
            else
                ids.add(id, resp.received);
        }
        if (!measuring || stopping)
            return;
        if (success) {
            ++r.ok;
        } else {
            ++r.errors;
            if (r.firstError.empty())
                r.firstError = "HTTP " + std::to_string(resp.status) + ": " +
                               std::string(resp.body.substr(0, 1000));
        }
        r.latencies.push_back(static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(resp.received - resp.sent)
                .count()));
        if (o.requests > 0 && r.ok + r.errors >= o.requests) {
            stopIssuing(resp.received);
            phase.cancel();
            startDrain();
        }
    };
    hooks.finished = [&] {
        stopIssuing(Clock::now());
        phase.cancel();
        drain.cancel();
        interrupts.reset();
    };
    Driver driver(ioc, endpoint, o.connections, std::move(hooks));
    self = &driver;
    interrupts.emplace(ioc, driver);

    auto toDuration = [](double s) {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
    };
    auto startMeasuredPhase = [&] {
        if (o.requests > 0)
            return;  // --requests ends the run from the done hook
        phase.expires_after(toDuration(o.duration));
        phase.async_wait([&](const boost::system::error_code& ec) {
            if (ec)
                return;
            stopIssuing(Clock::now());
            startDrain();
        });
    };
    if (measuring) {
        startMeasuredPhase();
    } else {
        phase.expires_after(toDuration(o.warmup));
        phase.async_wait([&](const boost::system::error_code& ec) {
            if (ec)
                return;
            beginMeasuring();
            startMeasuredPhase();
        });
    }
    driver.start();
    ioc.run();
    ioc.restart();

    if (measureEnd < measureStart)
        measureEnd = measureStart;
    r.seconds = secondsBetween(measureStart, measureEnd);
    if (r.seconds > 0)
        r.cpuPercent = 100.0 * (cpuEnd - cpuStart) / r.seconds;
    ids.flush();
    r.idsWritten = ids.written();
    r.reconnects = driver.reconnects();
    r.aborted = driver.aborted();
    r.abortReason = driver.abortReason();
    return r;
}

double percentileMs(std::vector<std::uint64_t>& sorted, double p) {
    if (sorted.empty())
        return 0;
    // Nearest rank: the smallest latency at least p of the requests did not exceed.
    auto rank = static_cast<std::size_t>(p * static_cast<double>(sorted.size()) + 0.999999);
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return static_cast<double>(sorted[rank - 1]) / 1e6;
}

int reportLoad(const Options& o, LoadResult& r) {
    std::sort(r.latencies.begin(), r.latencies.end());
    const double p50 = percentileMs(r.latencies, 0.50), p90 = percentileMs(r.latencies, 0.90),
                 p99 = percentileMs(r.latencies, 0.99), max = percentileMs(r.latencies, 1.0);
    const std::uint64_t requests = r.ok + r.errors;
    const double rate = r.seconds > 0 ? static_cast<double>(r.ok) / r.seconds : 0;
    if (o.json) {
        std::printf(
            "{\"method\":%s,\"path\":%s,\"connections\":%zu,\"seconds\":%.3f,\"requests\":%llu,"
            "\"ok\":%llu,\"errors\":%llu,\"rate\":%.1f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,"
            "\"p99_ms\":%.3f,\"max_ms\":%.3f,\"client_cpu_percent\":%.1f,\"reconnects\":%zu,"
            "\"ids_written\":%zu,\"aborted\":%s,\"abort_reason\":%s,\"first_error\":%s}\n",
            jsonString(o.method).c_str(), jsonString(o.path).c_str(), o.connections, r.seconds,
            static_cast<unsigned long long>(requests), static_cast<unsigned long long>(r.ok),
            static_cast<unsigned long long>(r.errors), rate, p50, p90, p99, max, r.cpuPercent,
            r.reconnects, r.idsWritten, r.aborted ? "true" : "false",
            jsonString(r.abortReason).c_str(), jsonString(r.firstError).c_str());
    } else {
        std::printf("%s %s%s, %zu connection%s, %.2f s measured\n", o.method.c_str(), o.url.c_str(),
                    o.path.c_str(), o.connections, o.connections == 1 ? "" : "s", r.seconds);
        std::printf("  requests       %llu\n", static_cast<unsigned long long>(requests));
        std::printf("  errors         %llu\n", static_cast<unsigned long long>(r.errors));
        std::printf("  predictions/s  %.1f\n", rate);
        std::printf("  latency ms     p50 %.3f  p90 %.3f  p99 %.3f  max %.3f\n", p50, p90, p99,
                    max);
        std::printf("  client cpu     %.1f%% of one core\n", r.cpuPercent);
        if (r.reconnects)
            std::printf("  reconnects     %zu\n", r.reconnects);
        if (!o.idsOut.empty())
            std::printf("  ids written    %zu to %s\n", r.idsWritten, o.idsOut.c_str());
        if (!r.firstError.empty())
            std::printf("  first error    %s\n", r.firstError.c_str());
        if (r.aborted)
            std::printf("  aborted        %s\n", r.abortReason.c_str());
    }
    std::fflush(stdout);
    if (r.idsNotFound)
        std::fprintf(stderr, "replicant-bench: %zu 2xx responses carried no \"id\"\n",
                     r.idsNotFound);
    if (r.aborted)
        return 3;
    return (r.errors > 0 || r.ok == 0) ? 1 : 0;
}

// ---- verify mode --------------------------------------------------------------------------------

// GETs /v1/predictions/{id} for every id of the file and counts what the server still has.
int runVerify(const Options& o, asio::io_context& ioc, const tcp::endpoint& endpoint) {
    std::ifstream in(o.verifyIds);
    if (!in) {
        std::fprintf(stderr, "replicant-bench: cannot read %s\n", o.verifyIds.c_str());
        return 2;
    }
    std::vector<std::string> ids;
    std::unordered_set<std::string> seen;
    std::size_t duplicates = 0, invalid = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty())
            continue;
        if (!isIdSafe(line))
            ++invalid;
        else if (seen.insert(line).second)
            ids.push_back(line);
        else
            ++duplicates;
    }

    std::size_t cursor = 0, found = 0, missing = 0, errors = 0;
    std::vector<std::string> missingIds;
    std::string firstError;
    std::vector<std::string> requests(o.connections);
    std::vector<std::size_t> assigned(o.connections);

    Driver::Hooks hooks;
    hooks.next = [&](std::size_t slot, std::string_view& out) {
        if (cursor >= ids.size())
            return false;
        assigned[slot] = cursor;
        requests[slot] = buildRequest(o, "GET", "/v1/predictions/" + ids[cursor++], {}, false);
        out = requests[slot];
        return true;
    };
    std::optional<Interrupts> interrupts;
    hooks.done = [&](std::size_t slot, const Response& resp) {
        if (resp.status == 200) {
            ++found;
        } else if (resp.status == 404) {
            ++missing;
            if (missingIds.size() < 20)
                missingIds.push_back(ids[assigned[slot]]);
        } else {
            ++errors;
            if (firstError.empty())
                firstError = "HTTP " + std::to_string(resp.status) + ": " +
                             std::string(resp.body.substr(0, 1000));
        }
    };
    hooks.finished = [&] { interrupts.reset(); };
    Driver driver(ioc, endpoint, std::min(o.connections, std::max<std::size_t>(ids.size(), 1)),
                  std::move(hooks));
    interrupts.emplace(ioc, driver);
    driver.start();
    ioc.run();

    const std::size_t unchecked = ids.size() - found - missing - errors;
    if (o.json) {
        std::string list = "[";
        for (std::size_t i = 0; i < missingIds.size(); ++i)
            list += (i ? "," : "") + jsonString(missingIds[i]);
        list += "]";
        std::printf(
            "{\"acknowledged\":%zu,\"found\":%zu,\"missing\":%zu,\"errors\":%zu,"
            "\"unchecked\":%zu,\"duplicates\":%zu,\"invalid\":%zu,\"missing_ids\":%s,"
            "\"aborted\":%s,\"abort_reason\":%s,\"first_error\":%s}\n",
            ids.size(), found, missing, errors, unchecked, duplicates, invalid, list.c_str(),
            driver.aborted() ? "true" : "false", jsonString(driver.abortReason()).c_str(),
            jsonString(firstError).c_str());
    } else {
        std::printf("%zu acknowledged, %zu found, %zu missing\n", ids.size(), found, missing);
        for (const auto& id : missingIds)
            std::printf("  missing: %s\n", id.c_str());
        if (errors)
            std::printf("  %zu other errors; first: %s\n", errors, firstError.c_str());
        if (duplicates || invalid)
            std::printf("  ids file: %zu duplicate and %zu malformed lines ignored\n", duplicates,
                        invalid);
        if (driver.aborted())
            std::printf("  aborted (%zu ids unchecked): %s\n", unchecked,
                        driver.abortReason().c_str());
    }
    std::fflush(stdout);
    return (missing || errors || invalid || driver.aborted()) ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (const int rc = parseOptions(argc, argv, options); rc >= 0)
        return rc;
    // Writes to a socket the server has closed must fail with EPIPE, not kill the generator.
    std::signal(SIGPIPE, SIG_IGN);

    // One thread: the hint lets asio skip the locking it needs only for several.
    asio::io_context ioc(1);
    const auto endpoint = resolve(ioc, options.target);
    if (!endpoint)
        return 2;
    if (!options.verifyIds.empty())
        return runVerify(options, ioc, *endpoint);
    LoadResult result = runLoad(options, ioc, *endpoint);
    return reportLoad(options, result);
}
