// A minimal HTTP/1.1 response parser for the load generator: status line, Content-Length or
// chunked framing, Connection: close. It allocates nothing and copies nothing, so parsing costs
// the generator almost no CPU next to the server it measures.
#pragma once

#include <cstddef>
#include <string_view>

namespace replicant::bench {

enum class ParseState { Incomplete, Complete, Bad };

class ResponseParser {
public:
    // Forget the previous response; the next parse() starts at offset 0 of the buffer.
    void reset() { *this = ResponseParser{}; }

    // Parses the bytes received so far (the whole buffer, not only the new ones).
    ParseState parse(std::string_view data) {
        if (headerEnd_ == 0 && !findHeaderEnd(data))
            return error_.empty() ? ParseState::Incomplete : ParseState::Bad;
        if (chunked_)
            return parseChunked(data);
        if (data.size() < headerEnd_ + contentLength_)
            return ParseState::Incomplete;
        body_ = data.substr(headerEnd_, contentLength_);
        total_ = headerEnd_ + contentLength_;
        return ParseState::Complete;
    }

    int status() const { return status_; }
    // The body as received: for chunked responses it still carries the chunk framing, which is
    // harmless for what the generator does with it (find an id, show an error).
    std::string_view body() const { return body_; }
    std::size_t totalSize() const { return total_; }
    bool closeAfter() const { return close_; }
    std::string_view error() const { return error_; }

private:
    static bool iequals(std::string_view a, std::string_view b) {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            char x = a[i];
            if (x >= 'A' && x <= 'Z')
                x = static_cast<char>(x - 'A' + 'a');
            if (x != b[i])
                return false;
        }
        return true;
    }

    static std::string_view trim(std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
            s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
            s.remove_suffix(1);
        return s;
    }

    // Decimal for Content-Length, hexadecimal for chunk sizes; false on anything else.
    static bool parseNumber(std::string_view s, unsigned base, std::size_t& out) {
        out = 0;
        if (s.empty())
            return false;
        for (char c : s) {
            unsigned digit;
            if (c >= '0' && c <= '9')
                digit = static_cast<unsigned>(c - '0');
            else if (base == 16 && c >= 'a' && c <= 'f')
                digit = static_cast<unsigned>(c - 'a' + 10);
            else if (base == 16 && c >= 'A' && c <= 'F')
                digit = static_cast<unsigned>(c - 'A' + 10);
            else
                return false;
            if (out > (std::size_t(1) << 40))
                return false;
            out = out * base + digit;
        }
        return true;
    }

    bool findHeaderEnd(std::string_view data) {
        // Resume the search where the last one stopped, less the 3 bytes a split "\r\n\r\n" needs.
        const std::size_t from = scanned_ > 3 ? scanned_ - 3 : 0;
        const auto end = data.find("\r\n\r\n", from);
        if (end == std::string_view::npos) {
            scanned_ = data.size();
            return false;
        }
        std::string_view head = data.substr(0, end + 2);
        const auto lineEnd = head.find("\r\n");
        const std::string_view statusLine = head.substr(0, lineEnd);
        std::size_t code = 0;
        if (statusLine.size() < 12 || statusLine.substr(0, 7) != "HTTP/1." ||
            !parseNumber(statusLine.substr(9, 3), 10, code)) {
            error_ = "malformed status line";
            return false;
        }
        status_ = static_cast<int>(code);
        close_ = statusLine.substr(0, 8) == "HTTP/1.0";
        bool haveLength = false;
        for (head.remove_prefix(lineEnd + 2); !head.empty();) {
            const auto eol = head.find("\r\n");
            const std::string_view line = head.substr(0, eol);
            head.remove_prefix(eol + 2);
            const auto colon = line.find(':');
            if (colon == std::string_view::npos)
                continue;
            const std::string_view name = line.substr(0, colon);
            const std::string_view value = trim(line.substr(colon + 1));
            if (iequals(name, "content-length")) {
                haveLength = parseNumber(value, 10, contentLength_);
            } else if (iequals(name, "transfer-encoding")) {
                chunked_ = value.size() >= 7 && iequals(value.substr(value.size() - 7), "chunked");
            } else if (iequals(name, "connection")) {
                if (iequals(value, "close"))
                    close_ = true;
                else if (iequals(value, "keep-alive"))
                    close_ = false;
            }
        }
        const bool noBody = status_ < 200 || status_ == 204 || status_ == 304;
        if (noBody) {
            contentLength_ = 0;
            chunked_ = false;
        } else if (!haveLength && !chunked_) {
            error_ = "response has neither Content-Length nor chunked encoding";
            return false;
        }
        headerEnd_ = end + 4;
        return true;
    }

    // Walks the chunks from the start of the body each time: responses are small, and this is
    // only reached for chunked responses, which the endpoints under test do not send.
    ParseState parseChunked(std::string_view data) {
        std::size_t pos = headerEnd_;
        for (;;) {
            const auto eol = data.find("\r\n", pos);
            if (eol == std::string_view::npos)
                return ParseState::Incomplete;
            std::string_view sizeText = data.substr(pos, eol - pos);
            sizeText = trim(sizeText.substr(0, sizeText.find(';')));
            std::size_t size = 0;
            if (!parseNumber(sizeText, 16, size)) {
                error_ = "malformed chunk size";
                return ParseState::Bad;
            }
            pos = eol + 2;
            if (size == 0) {
                // Trailers, if any, end with an empty line.
                const auto end = data.find("\r\n", pos);
                if (end == std::string_view::npos)
                    return ParseState::Incomplete;
                if (end != pos) {
                    const auto trailersEnd = data.find("\r\n\r\n", pos);
                    if (trailersEnd == std::string_view::npos)
                        return ParseState::Incomplete;
                    pos = trailersEnd + 4;
                } else {
                    pos = end + 2;
                }
                body_ = data.substr(headerEnd_, pos - headerEnd_);
                total_ = pos;
                return ParseState::Complete;
            }
            if (data.size() < pos + size + 2)
                return ParseState::Incomplete;
            pos += size + 2;
        }
    }

    std::size_t scanned_ = 0;
    std::size_t headerEnd_ = 0;
    std::size_t contentLength_ = 0;
    std::size_t total_ = 0;
    int status_ = 0;
    bool chunked_ = false;
    bool close_ = false;
    std::string_view body_;
    std::string_view error_;
};

}  // namespace replicant::bench
