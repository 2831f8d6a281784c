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

}  // namespace replicant::backend::util
