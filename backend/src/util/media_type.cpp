#include "util/media_type.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace replicant::backend::util {

namespace {
struct Known {
    std::string_view type;
    std::string_view ext;
};
// The first extension listed for a type is the one files get.
constexpr std::array<Known, 22> kKnown{{
    {"image/png", ".png"},         {"image/jpeg", ".jpg"},        {"image/jpeg", ".jpeg"},
    {"image/webp", ".webp"},       {"image/gif", ".gif"},         {"image/bmp", ".bmp"},
    {"image/svg+xml", ".svg"},     {"audio/wav", ".wav"},         {"audio/mpeg", ".mp3"},
    {"audio/ogg", ".ogg"},         {"audio/flac", ".flac"},       {"video/mp4", ".mp4"},
    {"video/webm", ".webm"},       {"model/gltf-binary", ".glb"}, {"application/json", ".json"},
    {"text/plain", ".txt"},        {"text/csv", ".csv"},          {"text/html", ".html"},
    {"application/pdf", ".pdf"},   {"application/zip", ".zip"},   {"model/ply", ".ply"},
    {"application/x-tar", ".tar"},
}};

bool startsWith(std::string_view bytes, std::string_view magic, std::size_t at = 0) {
    return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
}
}  // namespace

std::string sniffMediaType(std::string_view b) {
    using namespace std::string_view_literals;
    if (startsWith(b, "\x89PNG\r\n\x1a\n"sv))
        return "image/png";
    if (startsWith(b, "\xff\xd8\xff"sv))
        return "image/jpeg";
    if (startsWith(b, "GIF87a") || startsWith(b, "GIF89a"))
        return "image/gif";
    if (startsWith(b, "RIFF") && startsWith(b, "WEBP", 8))
        return "image/webp";
    if (startsWith(b, "RIFF") && startsWith(b, "WAVE", 8))
        return "audio/wav";
    if (startsWith(b, "BM"))
        return "image/bmp";
    if (startsWith(b, "ID3") || startsWith(b, "\xff\xfb"sv) || startsWith(b, "\xff\xf3"sv))
        return "audio/mpeg";
    if (startsWith(b, "OggS"))
        return "audio/ogg";
    if (startsWith(b, "fLaC"))
        return "audio/flac";
    if (startsWith(b, "ftyp", 4))
        return "video/mp4";
    if (startsWith(b, "\x1a\x45\xdf\xa3"sv))
        return "video/webm";
    if (startsWith(b, "glTF"))
        return "model/gltf-binary";
    if (startsWith(b, "%PDF"))
        return "application/pdf";
    if (startsWith(b, "PK\x03\x04"sv))
        return "application/zip";
    if (startsWith(b, "ply\n"))
        return "model/ply";
    return "application/octet-stream";
}

std::string mediaTypeForFilename(std::string_view filename) {
    const auto dot = filename.rfind('.');
    if (dot == std::string_view::npos)
        return {};
    std::string ext(filename.substr(dot));
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& k : kKnown)
        if (k.ext == ext)
            return std::string(k.type);
    return {};
}

std::string extensionForMediaType(std::string_view mediaType) {
    const auto semi = mediaType.find(';');
    const auto type = mediaType.substr(0, semi);
    for (const auto& k : kKnown)
        if (k.type == type)
            return std::string(k.ext);
    return ".bin";
}

}  // namespace replicant::backend::util
