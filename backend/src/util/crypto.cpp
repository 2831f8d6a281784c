#include "util/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace replicant::backend::util {

namespace {
std::string randomOver(std::string_view alphabet, std::size_t length) {
    // Rejection sampling keeps the distribution uniform over the alphabet.
    const unsigned limit = 256 - (256 % alphabet.size());
    std::string out;
    out.reserve(length);
    std::array<unsigned char, 64> buf{};
    while (out.size() < length) {
        if (RAND_bytes(buf.data(), static_cast<int>(buf.size())) != 1)
            throw std::runtime_error("RAND_bytes failed");
        for (unsigned char c : buf) {
            if (c < limit && out.size() < length)
                out.push_back(alphabet[c % alphabet.size()]);
        }
    }
    return out;
}
}  // namespace

std::string randomId(std::size_t length) {
    return randomOver("abcdefghijklmnopqrstuvwxyz0123456789", length);
}

std::string randomAlnum(std::size_t length) {
    return randomOver("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}

namespace {
std::string digestHex(std::string_view data, const EVP_MD* type) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md.data(), &len, type, nullptr);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned i = 0; i < len; ++i) {
        out.push_back(kHex[md[i] >> 4]);
        out.push_back(kHex[md[i] & 0xf]);
    }
    return out;
}
}  // namespace

std::string sha256Hex(std::string_view data) {
    return digestHex(data, EVP_sha256());
}

std::string md5Hex(std::string_view data) {
    return digestHex(data, EVP_md5());
}

}  // namespace replicant::backend::util

namespace replicant::backend::util {

std::string hmacSha256(std::string_view key, std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len);
    return std::string(reinterpret_cast<const char*>(md), len);
}

std::string randomBytes(std::size_t n) {
    std::string out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
        throw std::runtime_error("RAND_bytes failed");
    return out;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace replicant::backend::util
