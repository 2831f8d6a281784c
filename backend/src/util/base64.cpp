#include "util/base64.h"

#include <openssl/evp.h>

#include <vector>

namespace replicant::backend::util {

std::string base64Encode(std::string_view data) {
    std::string out(4 * ((data.size() + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(data.data()),
                                  static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
    if (text.size() % 4 != 0)
        return std::nullopt;
    std::string out(3 * text.size() / 4, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0)
        return std::nullopt;
    // EVP_DecodeBlock counts padding bytes as output; drop them.
    std::size_t len = static_cast<std::size_t>(n);
    for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i)
        --len;
    out.resize(len);
    return out;
}

std::string base64UrlEncode(std::string_view data) {
    std::string s = base64Encode(data);
    while (!s.empty() && s.back() == '=')
        s.pop_back();
    for (char& c : s)
        c = c == '+' ? '-' : c == '/' ? '_' : c;
    return s;
}

std::optional<std::string> base64UrlDecode(std::string_view text) {
    std::string s(text);
    for (char& c : s) {
        if (c == '-')
            c = '+';
        else if (c == '_')
            c = '/';
        else if (c == '+' || c == '/' || c == '=')
            return std::nullopt;
    }
    while (s.size() % 4 != 0)
        s.push_back('=');
    return base64Decode(s);
}

}  // namespace replicant::backend::util
