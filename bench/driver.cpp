#include "driver.h"

#include <boost/asio/write.hpp>

#include <utility>

#include "response_parser.h"

namespace replicant::bench {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {
constexpr std::size_t kInitialBuffer = 16 * 1024;
constexpr std::size_t kMaxBuffer = 64 * 1024 * 1024;

std::string endpointText(const tcp::endpoint& e) {
    return e.address().to_string() + ":" + std::to_string(e.port());
}
}  // namespace

// One keep-alive connection. Its handlers capture only `this`, so asio recycles their memory and
// a request costs no allocation: the request bytes are the caller's, the read buffer is reused.
class Driver::Connection {
public:
    Connection(Driver& driver, std::size_t slot)
        : d_(driver), slot_(slot), socket_(driver.ioc_), buffer_(kInitialBuffer) {}

    void start() { connect(false); }

    void close() {
        error_code ignored;
        socket_.close(ignored);
    }

private:
    void connect(bool resend) {
        close();
        socket_.async_connect(d_.endpoint_, [this, resend](const error_code& ec) {
            if (d_.aborted_)
                return finish();
            if (ec) {
                d_.abort("cannot connect to " + endpointText(d_.endpoint_) + ": " + ec.message());
                return finish();
            }
            error_code ignored;
            socket_.set_option(tcp::no_delay(true), ignored);
            // Lets send() write without a round trip through the event loop.
            socket_.non_blocking(true, ignored);
            served_ = 0;
            if (resend)
                send();
            else
                next();
        });
    }

    void next() {
        if (d_.aborted_ || !d_.hooks_.next(slot_, request_))
            return finish();
        retried_ = false;
        send();
    }

    void send() {
        parser_.reset();
        used_ = 0;
        sent_ = Clock::now();
        // A request is far smaller than the socket's send buffer, so one non-blocking write
        // almost always takes it whole; the asynchronous path is only the fallback.
        error_code ec;
        std::size_t written = socket_.write_some(asio::buffer(request_), ec);
        if (ec == asio::error::would_block || ec == asio::error::try_again) {
            ec = {};
            written = 0;
        }
        if (ec)
            return failed(ec);
        if (written == request_.size())
            return read();
        asio::async_write(socket_, asio::buffer(request_.substr(written)),
                          [this](const error_code& wec, std::size_t) {
                              if (wec)
                                  return failed(wec);
                              read();
                          });
    }

    void read() {
        if (used_ == buffer_.size()) {
            if (buffer_.size() >= kMaxBuffer) {
                d_.abort("response larger than " + std::to_string(kMaxBuffer) + " bytes");
                return finish();
            }
            buffer_.resize(buffer_.size() * 2);
        }
        socket_.async_read_some(asio::buffer(buffer_.data() + used_, buffer_.size() - used_),
                                [this](const error_code& ec, std::size_t n) { onRead(ec, n); });
    }

    void onRead(const error_code& ec, std::size_t n) {
        if (ec)
            return failed(ec);
        used_ += n;
        switch (parser_.parse(std::string_view(buffer_.data(), used_))) {
            case ParseState::Incomplete:
                return read();
            case ParseState::Bad:
                d_.abort("bad response on connection " + std::to_string(slot_) + ": " +
                         std::string(parser_.error()));
                return finish();
            case ParseState::Complete:
                break;
        }
        if (parser_.totalSize() != used_) {
            // One request in flight means no pipelined bytes can legitimately follow.
            d_.abort("unexpected bytes after a response on connection " + std::to_string(slot_));
            return finish();
        }
        ++served_;
        d_.hooks_.done(slot_, Response{parser_.status(), parser_.body(), sent_, Clock::now()});
        if (parser_.closeAfter()) {
            ++d_.reconnects_;
            return connect(false);
        }
        next();
    }

    void failed(const error_code& ec) {
        if (d_.aborted_ || ec == asio::error::operation_aborted)
            return finish();
        // A server may close an idle keep-alive connection just as a request goes out: retry
        // such a request once on a fresh connection. Anything else (the server died) ends the run,
        // and the retry's connect fails too when nothing listens any more.
        if (used_ == 0 && served_ > 0 && !retried_) {
            retried_ = true;
            ++d_.reconnects_;
            return connect(true);
        }
        d_.abort("connection " + std::to_string(slot_) + ": " + ec.message() +
                 (used_ == 0 ? " (no response to a request in flight)" : " (response cut short)"));
        finish();
    }

    void finish() {
        if (finished_)
            return;
        finished_ = true;
        close();
        d_.connectionFinished();
    }

    Driver& d_;
    std::size_t slot_;
    tcp::socket socket_;
    std::vector<char> buffer_;
    std::size_t used_ = 0;
    ResponseParser parser_;
    std::string_view request_;
    Clock::time_point sent_;
    std::size_t served_ = 0;
    bool retried_ = false;
    bool finished_ = false;
};

Driver::Driver(asio::io_context& ioc, tcp::endpoint endpoint, std::size_t connections, Hooks hooks)
    : ioc_(ioc), endpoint_(std::move(endpoint)), count_(connections), hooks_(std::move(hooks)) {}

Driver::~Driver() = default;

void Driver::start() {
    connections_.reserve(count_);
    for (std::size_t i = 0; i < count_; ++i)
        connections_.push_back(std::make_unique<Connection>(*this, i));
    running_ = count_;
    if (running_ == 0) {
        if (hooks_.finished)
            hooks_.finished();
        return;
    }
    for (auto& c : connections_)
        c->start();
}

void Driver::abort(std::string reason) {
    if (aborted_)
        return;
    aborted_ = true;
    abortReason_ = std::move(reason);
    // Pending operations complete with operation_aborted and each connection then finishes.
    for (auto& c : connections_)
        c->close();
}

void Driver::connectionFinished() {
    if (--running_ == 0 && hooks_.finished)
        hooks_.finished();
}

}  // namespace replicant::bench
