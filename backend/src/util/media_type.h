#pragma once

#include <string>
#include <string_view>

namespace replicant::backend::util {

// The media type of common file formats from their first bytes; "application/octet-stream"
// when unknown.
std::string sniffMediaType(std::string_view bytes);

// The media type a file name's extension implies; empty when unknown.
std::string mediaTypeForFilename(std::string_view filename);

// The usual extension (with the dot) for a media type; ".bin" when unknown.
std::string extensionForMediaType(std::string_view mediaType);

}  // namespace replicant::backend::util
