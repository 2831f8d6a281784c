#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstddef>
#include <memory>

#include "http/dispatcher.h"
#include "replicant/backend/result.h"

namespace replicant::backend::http {

// Accepts connections and runs one keep-alive session per connection. Each session reads a
// request (with a body limit), hands it to the dispatcher, writes the response, repeats.
class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(boost::asio::io_context& ioc, const Dispatcher& dispatcher, std::size_t maxBodyBytes);

    Result<boost::asio::ip::tcp::endpoint> bind(const std::string& host, unsigned short port);
    void run();
    void close();

private:
    void accept();

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    const Dispatcher& dispatcher_;
    std::size_t maxBodyBytes_;
};

}  // namespace replicant::backend::http
