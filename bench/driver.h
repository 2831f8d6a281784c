// The connection engine of the load generator: N keep-alive HTTP/1.1 connections on one asio
// event loop, each with exactly one request in flight (a closed loop). What to send and what to
// do with each response is up to the caller, through Hooks.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace replicant::bench {

using Clock = std::chrono::steady_clock;

struct Response {
    int status = 0;
    // Valid only during the done hook: it points into the connection's read buffer.
    std::string_view body;
    Clock::time_point sent;
    Clock::time_point received;
};

class Driver {
public:
    struct Hooks {
        // The next request for connection `slot`, as complete HTTP/1.1 bytes; false when that
        // connection has no more work. The bytes must stay valid until the response arrives.
        std::function<bool(std::size_t slot, std::string_view& request)> next;
        // The response to the request that `next` last gave `slot`.
        std::function<void(std::size_t slot, const Response& response)> done;
        // Every connection has finished: out of work, or the run was aborted.
        std::function<void()> finished;
    };

    Driver(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint endpoint,
           std::size_t connections, Hooks hooks);
    ~Driver();
    Driver(const Driver&) = delete;
    Driver& operator=(const Driver&) = delete;

    void start();
    // Ends the run now: every socket closes and requests in flight are dropped. The first reason
    // given is the one kept.
    void abort(std::string reason);

    bool aborted() const { return aborted_; }
    const std::string& abortReason() const { return abortReason_; }
    // Connections re-opened because the server closed one (Connection: close, or an idle
    // keep-alive connection closed just as a request went out).
    std::size_t reconnects() const { return reconnects_; }

private:
    class Connection;
    void connectionFinished();

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::endpoint endpoint_;
    std::size_t count_;
    Hooks hooks_;
    std::vector<std::unique_ptr<Connection>> connections_;
    std::size_t running_ = 0;
    std::size_t reconnects_ = 0;
    bool aborted_ = false;
    std::string abortReason_;
};

}  // namespace replicant::bench
