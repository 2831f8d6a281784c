#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replicant::backend::util {

struct FormPart {
    std::string name;
    std::optional<std::string> filename;
    std::string contentType;  // empty when the part has none
    std::string_view body;    // points into the request body
};

// Splits a multipart/form-data body; nullopt when it is malformed or the boundary is missing.
std::optional<std::vector<FormPart>> parseMultipart(std::string_view contentType,
                                                    std::string_view body);

// A data: URI's bytes and media type; nullopt when malformed.
struct DataUri {
    std::string mediaType;
    std::string bytes;
};
std::optional<DataUri> parseDataUri(std::string_view uri);

}  // namespace replicant::backend::util
