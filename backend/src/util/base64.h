#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace replicant::backend::util {

std::string base64Encode(std::string_view data);
std::optional<std::string> base64Decode(std::string_view text);
// URL-safe alphabet without padding, for opaque tokens in query strings.
std::string base64UrlEncode(std::string_view data);
std::optional<std::string> base64UrlDecode(std::string_view text);

}  // namespace replicant::backend::util
