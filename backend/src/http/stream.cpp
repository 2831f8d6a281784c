#include "http/stream.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <cstdio>

namespace replicant::backend::http {

namespace asio = boost::asio;

ChunkedStream::ChunkedStream(std::shared_ptr<boost::beast::tcp_stream> socket,
                             std::shared_ptr<void> owner)
    : socket_(std::move(socket)), owner_(std::move(owner)) {}

void ChunkedStream::start(const Response& head) {
    std::string text =
        "HTTP/1.1 " + std::to_string(head.result_int()) + " " + std::string(head.reason()) + "\r\n";
    for (const auto& field : head.base())
        text += std::string(field.name_string()) + ": " + std::string(field.value()) + "\r\n";
    text += "Transfer-Encoding: chunked\r\n\r\n";
    {
        std::lock_guard lock(mutex_);
        sending_ = std::move(text);
    }
    socket_->expires_never();
    auto self = shared_from_this();
    asio::async_write(*socket_, asio::buffer(sending_),
                      [self](boost::system::error_code ec, std::size_t) {
                          if (ec)
                              return self->finish(false);
                          // Still `writing_`: pump() owns the socket until the queue is empty,
                          // so no second write can start alongside.
                          self->pump();
                      });
    watchClient();
}

void ChunkedStream::watchClient() {
    // Nothing more is expected from the client; a read completing means it went away.
    auto self = shared_from_this();
    socket_->socket().async_read_some(asio::buffer(readBuffer_),
                                      [self](boost::system::error_code ec, std::size_t) {
                                          if (ec)
                                              return self->finish(false);
                                          self->watchClient();
                                      });
}

void ChunkedStream::write(std::string chunk) {
    bool start = false;
    bool overflow = false;
    {
        std::lock_guard lock(mutex_);
        if (finished_ || closing_)
            return;
        pending_ += chunk;
        overflow = pending_.size() > kMaxQueuedBytes;
        start = !writing_;
        if (start)
            writing_ = true;
    }
    if (overflow)
        return asio::post(socket_->get_executor(),
                          [self = shared_from_this()] { self->finish(false); });
    if (start)
        asio::post(socket_->get_executor(), [self = shared_from_this()] { self->pump(); });
}

void ChunkedStream::close() {
    bool start = false;
    {
        std::lock_guard lock(mutex_);
        if (finished_ || closing_)
            return;
        closing_ = true;
        start = !writing_;
        if (start)
            writing_ = true;
    }
    if (start)
        asio::post(socket_->get_executor(), [self = shared_from_this()] { self->pump(); });
}

bool ChunkedStream::closed() const {
    std::lock_guard lock(mutex_);
    return finished_ || closing_;
}

void ChunkedStream::onClosed(std::function<void()> callback) {
    bool now = false;
    {
        std::lock_guard lock(mutex_);
        if (finished_)
            now = true;
        else
            closedCallbacks_.push_back(std::move(callback));
    }
    if (now)
        callback();
}

// On the strand: sends everything queued as one chunk, then the last chunk when closing.
void ChunkedStream::pump() {
    bool last = false;
    {
        std::lock_guard lock(mutex_);
        if (finished_)
            return;
        if (pending_.empty()) {
            if (!closing_) {
                writing_ = false;
                return;
            }
            last = true;
            sending_ = "0\r\n\r\n";
        } else {
            char size[24];
            std::snprintf(size, sizeof size, "%zx\r\n", pending_.size());
            sending_ = size;
            sending_ += pending_;
            sending_ += "\r\n";
            pending_.clear();
            wroteSinceBeat_ = true;
        }
    }
    auto self = shared_from_this();
    asio::async_write(*socket_, asio::buffer(sending_),
                      [self, last](boost::system::error_code ec, std::size_t) {
                          if (ec || last)
                              return self->finish(!ec);
                          self->pump();
                      });
}

void ChunkedStream::finish(bool graceful) {
    std::vector<std::function<void()>> callbacks;
    {
        std::lock_guard lock(mutex_);
        if (finished_)
            return;
        finished_ = true;
        callbacks.swap(closedCallbacks_);
    }
    if (beatTimer_)
        beatTimer_->cancel();
    boost::system::error_code ec;
    socket_->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    socket_->socket().close(ec);
    (void)graceful;
    for (auto& c : callbacks)
        c();
    owner_.reset();
}

void ChunkedStream::heartbeat(std::chrono::seconds interval, std::string text) {
    asio::post(socket_->get_executor(), [self = shared_from_this(), interval,
                                         text = std::move(text)]() mutable {
        self->beatInterval_ = interval;
        self->beatText_ = std::move(text);
        self->beatTimer_ = std::make_unique<asio::steady_timer>(self->socket_->get_executor());
        self->armHeartbeat();
    });
}

void ChunkedStream::armHeartbeat() {
    beatTimer_->expires_after(beatInterval_);
    beatTimer_->async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec || self->closed())
            return;
        bool idle;
        {
            std::lock_guard lock(self->mutex_);
            idle = !self->wroteSinceBeat_;
            self->wroteSinceBeat_ = false;
        }
        if (idle)
            self->write(self->beatText_);
        self->armHeartbeat();
    });
}

}  // namespace replicant::backend::http
