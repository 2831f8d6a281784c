#include "util/multipart.h"

#include <algorithm>
#include <cctype>

#include "util/base64.h"

namespace replicant::backend::util {

namespace {
std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The value of `key=` in a header's parameters, quoted or not.
std::optional<std::string> parameter(std::string_view header, std::string_view key) {
    const std::string h = lower(header);
    std::size_t pos = 0;
    while ((pos = h.find(std::string(key) + "=", pos)) != std::string::npos) {
        const bool boundary = pos == 0 || h[pos - 1] == ';' || h[pos - 1] == ' ';
        pos += key.size() + 1;
        if (!boundary)
            continue;
        if (pos < header.size() && header[pos] == '"') {
            const auto end = header.find('"', pos + 1);
            if (end == std::string_view::npos)
                return std::nullopt;
            return std::string(header.substr(pos + 1, end - pos - 1));
        }
        const auto end = header.find(';', pos);
        auto value = header.substr(pos, end == std::string_view::npos ? end : end - pos);
        while (!value.empty() && value.back() == ' ')
            value.remove_suffix(1);
        return std::string(value);
    }
    return std::nullopt;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
}  // namespace

std::optional<std::vector<FormPart>> parseMultipart(std::string_view contentType,
                                                    std::string_view body) {
    const auto boundary = parameter(contentType, "boundary");
    if (!boundary || boundary->empty())
        return std::nullopt;
    const std::string delimiter = "--" + *boundary;
    std::vector<FormPart> parts;
    std::size_t pos = body.find(delimiter);
    if (pos == std::string_view::npos)
        return std::nullopt;
    for (;;) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--")
            return parts;  // the closing delimiter
        if (body.substr(pos, 2) != "\r\n")
            return std::nullopt;
        pos += 2;
        const auto headersEnd = body.find("\r\n\r\n", pos);
        if (headersEnd == std::string_view::npos)
            return std::nullopt;
        FormPart part;
        for (std::size_t line = pos; line < headersEnd;) {
            auto eol = body.find("\r\n", line);
            if (eol == std::string_view::npos || eol > headersEnd)
                eol = headersEnd;
            const auto header = body.substr(line, eol - line);
            const auto colon = header.find(':');
            if (colon != std::string_view::npos) {
                const auto name = lower(header.substr(0, colon));
                auto value = header.substr(colon + 1);
                while (!value.empty() && value.front() == ' ')
                    value.remove_prefix(1);
                if (name == "content-disposition") {
                    part.name = parameter(value, "name").value_or("");
                    part.filename = parameter(value, "filename");
                } else if (name == "content-type") {
                    part.contentType = std::string(value);
                }
            }
            line = eol + 2;
        }
        const auto next = body.find("\r\n" + delimiter, headersEnd + 4);
        if (next == std::string_view::npos)
            return std::nullopt;
        part.body = body.substr(headersEnd + 4, next - headersEnd - 4);
        parts.push_back(std::move(part));
        pos = next + 2;
    }
}

std::optional<DataUri> parseDataUri(std::string_view uri) {
    if (uri.size() < 5 || lower(uri.substr(0, 5)) != "data:")
        return std::nullopt;
    const auto comma = uri.find(',');
    if (comma == std::string_view::npos)
        return std::nullopt;
    auto meta = uri.substr(5, comma - 5);
    const auto payload = uri.substr(comma + 1);
    bool base64 = false;
    if (meta.size() >= 7 && lower(meta.substr(meta.size() - 7)) == ";base64") {
        base64 = true;
        meta.remove_suffix(7);
    }
    DataUri out;
    out.mediaType = meta.empty() ? "text/plain" : std::string(meta.substr(0, meta.find(';')));
    if (base64) {
        std::string clean;
        clean.reserve(payload.size());
        for (char c : payload)
            if (!std::isspace(static_cast<unsigned char>(c)))
                clean.push_back(c);
        auto bytes = base64Decode(clean);
        if (!bytes)
            return std::nullopt;
        out.bytes = std::move(*bytes);
        return out;
    }
    for (std::size_t i = 0; i < payload.size(); ++i) {
        if (payload[i] == '%') {
            if (i + 2 >= payload.size() || hexValue(payload[i + 1]) < 0 ||
                hexValue(payload[i + 2]) < 0)
                return std::nullopt;
            out.bytes.push_back(
                static_cast<char>(hexValue(payload[i + 1]) * 16 + hexValue(payload[i + 2])));
            i += 2;
        } else {
            out.bytes.push_back(payload[i]);
        }
    }
    return out;
}

}  // namespace replicant::backend::util
