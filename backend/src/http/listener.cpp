#include "http/listener.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <array>
#include <chrono>
#include <optional>

#include "http/problem.h"
#include "http/stream.h"
#include "util/log.h"

namespace replicant::backend::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {
// An idle keep-alive connection is closed after this long, and so is a client that stalls mid
// request.
constexpr auto kIdleTimeout = std::chrono::seconds(75);

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, const Dispatcher& dispatcher, std::size_t maxBody)
        : stream_(std::move(socket)), dispatcher_(dispatcher), maxBody_(maxBody) {}

    void start() {
        asio::dispatch(stream_.get_executor(),
                       beast::bind_front_handler(&Session::read, shared_from_this()));
    }

private:
    void read() {
        parser_.emplace();
        parser_->body_limit(maxBody_);
        parser_->header_limit(64 * 1024);
        stream_.expires_after(kIdleTimeout);
        bhttp::async_read(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::onRead, shared_from_this()));
    }

    void onRead(beast::error_code ec, std::size_t) {
        if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
            ec == beast::error::timeout || ec == asio::error::connection_reset)
            return close();
        if (ec == bhttp::error::body_limit) {
            const std::string rid = requestIdFor({});
            return write(Dispatcher::early(makeError(ErrorCode::PayloadTooLarge,
                                                     "Request body is larger than the limit of " +
                                                         std::to_string(maxBody_) + " bytes.",
                                                     "Payload too large"),
                                           rid));
        }
        if (ec) {
            // Malformed request: answer 400 once if we still can, then drop the connection.
            return write(Dispatcher::early(
                makeError(ErrorCode::BadRequest, "Malformed HTTP request: " + ec.message(),
                          "Bad request"),
                requestIdFor({})));
        }
        auto ctx = std::make_shared<RequestContext>();
        ctx->request = parser_->release();
        ctx->requestId = requestIdFor(ctx->request["X-Request-Id"]);
        const auto target = ctx->request.target();
        if (auto url = boost::urls::parse_origin_form(target); url) {
            ctx->path = url->path();
            ctx->query = std::string(url->encoded_query());
        } else {
            ctx->path = std::string(target);
        }
        const auto host = ctx->request[bhttp::field::host];
        ctx->baseUrl = "http://" + (host.empty() ? localAddress() : std::string(host));

        stream_.expires_never();  // a handler may legitimately take long (Prefer: wait)
        auto self = shared_from_this();
        ctx->startStream = [self](RequestContext& c, Response head) {
            head.set("X-Request-Id", c.requestId);
            head.set(bhttp::field::server, "replicant");
            head.set(bhttp::field::connection, "close");
            // Shares the session's lifetime: the socket lives as long as the stream needs it.
            auto socket = std::shared_ptr<beast::tcp_stream>(self, &self->stream_);
            auto sink = std::make_shared<ChunkedStream>(socket, self);
            asio::post(self->stream_.get_executor(),
                       [sink, head = std::move(head)] { sink->start(head); });
            return sink;
        };
        dispatcher_.dispatch(std::move(ctx), [self](Response res) {
            asio::post(self->stream_.get_executor(),
                       [self, res = std::move(res)]() mutable { self->write(std::move(res)); });
        });
    }

    std::string localAddress() const {
        beast::error_code ec;
        const auto ep = stream_.socket().local_endpoint(ec);
        return ep.address().to_string() + ":" + std::to_string(ep.port());
    }

    void write(Response res) {
        response_ = std::make_shared<Response>(std::move(res));
        stream_.expires_after(kIdleTimeout);
        bhttp::async_write(stream_, *response_,
                           beast::bind_front_handler(&Session::onWrite, shared_from_this()));
    }

    void onWrite(beast::error_code ec, std::size_t) {
        const bool keep = response_ && response_->keep_alive();
        response_.reset();
        if (ec)
            return close();
        if (!keep)
            return drainAndClose();
        read();
    }

    // After an early error the client may still be sending a body; closing with unread data
    // would reset the connection and could destroy the response before the client reads it. So
    // half-close and drain (bounded in time) until the client closes.
    void drainAndClose() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(std::chrono::seconds(5));
        stream_.async_read_some(asio::buffer(scratch_),
                                [self = shared_from_this()](beast::error_code e, std::size_t) {
                                    if (e)
                                        return self->stream_.close();
                                    self->drainAndClose();
                                });
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.close();
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::shared_ptr<Response> response_;
    std::array<char, 16 * 1024> scratch_{};
    const Dispatcher& dispatcher_;
    std::size_t maxBody_;
};
}  // namespace

Listener::Listener(asio::io_context& ioc, const Dispatcher& dispatcher, std::size_t maxBodyBytes)
    : ioc_(ioc),
      acceptor_(asio::make_strand(ioc)),
      dispatcher_(dispatcher),
      maxBodyBytes_(maxBodyBytes) {}

Result<tcp::endpoint> Listener::bind(const std::string& host, unsigned short port) {
    beast::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec)
        return makeError(ErrorCode::BadRequest, "invalid listen address '" + host + "'");
    const tcp::endpoint endpoint{address, port};
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor_.bind(endpoint, ec);
    if (!ec)
        acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return makeError(ErrorCode::Unavailable, "cannot listen on " + host + ":" +
                                                     std::to_string(port) + ": " + ec.message());
    return acceptor_.local_endpoint();
}

void Listener::run() {
    accept();
}

void Listener::close() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
        beast::error_code ec;
        self->acceptor_.close(ec);
    });
}

void Listener::accept() {
    acceptor_.async_accept(asio::make_strand(ioc_), [self = shared_from_this()](
                                                        beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !self->acceptor_.is_open())
            return;
        if (!ec)
            std::make_shared<Session>(std::move(socket), self->dispatcher_, self->maxBodyBytes_)
                ->start();
        self->accept();
    });
}

}  // namespace replicant::backend::http
