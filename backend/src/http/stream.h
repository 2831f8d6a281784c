#pragma once

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "http/types.h"

namespace replicant::backend::http {

// A chunked response body written to a connection. Owns the connection while it streams; the
// connection closes when the stream ends.
class ChunkedStream : public StreamSink, public std::enable_shared_from_this<ChunkedStream> {
public:
    // Chunks waiting beyond this many bytes mean the client does not keep up: the stream is
    // closed (an SSE client resumes with Last-Event-ID) rather than buffering without bound.
    static constexpr std::size_t kMaxQueuedBytes = 32 * 1024 * 1024;

    ChunkedStream(std::shared_ptr<boost::beast::tcp_stream> socket, std::shared_ptr<void> owner);

    // Sends the head (status and headers, Transfer-Encoding: chunked) and starts watching for
    // the client going away.
    void start(const Response& head);

    void write(std::string chunk) override;
    void close() override;
    bool closed() const override;
    void onClosed(std::function<void()> callback) override;
    void heartbeat(std::chrono::seconds interval, std::string text) override;

private:
    void pump();
    void finish(bool graceful);
    void watchClient();
    void armHeartbeat();

    std::shared_ptr<boost::beast::tcp_stream> socket_;
    std::shared_ptr<void> owner_;  // keeps the session alive while streaming
    mutable std::mutex mutex_;
    std::string pending_;  // the next frame's payload, coalesced
    std::string sending_;
    bool writing_ = true;  // the head goes first: chunks queue until it is sent
    bool closing_ = false;
    bool finished_ = false;
    bool wroteSinceBeat_ = false;
    std::vector<std::function<void()>> closedCallbacks_;
    std::unique_ptr<boost::asio::steady_timer> beatTimer_;
    std::chrono::seconds beatInterval_{0};
    std::string beatText_;
    std::array<char, 512> readBuffer_{};
};

}  // namespace replicant::backend::http
