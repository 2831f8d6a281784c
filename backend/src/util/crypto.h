#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace replicant::backend::util {

// Cryptographically random string over [a-z0-9], the alphabet of the real API's ids.
std::string randomId(std::size_t length = 26);
// Cryptographically random string over [A-Za-z0-9].
std::string randomAlnum(std::size_t length);
// Lower-case hex SHA-256 of the bytes.
std::string sha256Hex(std::string_view data);
std::string md5Hex(std::string_view data);  // for etags and checksums, not security
// Raw HMAC-SHA256 of `data` under `key` (32 bytes).
std::string hmacSha256(std::string_view key, std::string_view data);
// Cryptographically random bytes.
std::string randomBytes(std::size_t n);
// Comparison whose time does not depend on where the inputs differ.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace replicant::backend::util
