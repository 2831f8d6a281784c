#include "runners/builtin/image_io.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

namespace replicant::backend::runners::builtin {

namespace {
std::uint32_t be16(std::string_view b, std::size_t at) {
    return (static_cast<std::uint8_t>(b[at]) << 8) | static_cast<std::uint8_t>(b[at + 1]);
}
std::uint32_t be32(std::string_view b, std::size_t at) {
    return (be16(b, at) << 16) | be16(b, at + 2);
}
std::uint32_t le16(std::string_view b, std::size_t at) {
    return static_cast<std::uint8_t>(b[at]) | (static_cast<std::uint8_t>(b[at + 1]) << 8);
}
std::uint32_t le24(std::string_view b, std::size_t at) {
    return le16(b, at) | (static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[at + 2])) << 16);
}
std::int64_t le32s(std::string_view b, std::size_t at) {
    return static_cast<std::int32_t>(le16(b, at) | (le16(b, at + 2) << 16));
}

std::optional<cv::Size> size(std::int64_t w, std::int64_t h) {
    if (w <= 0 || h <= 0 || w > (1 << 30) || h > (1 << 30))
        return std::nullopt;
    return cv::Size(static_cast<int>(w), static_cast<int>(h));
}

// JPEG: walk the segments to the first start-of-frame marker.
std::optional<cv::Size> jpegSize(std::string_view b) {
    std::size_t at = 2;
    while (at + 9 < b.size()) {
        if (static_cast<std::uint8_t>(b[at]) != 0xFF)
            return std::nullopt;
        const std::uint8_t marker = static_cast<std::uint8_t>(b[at + 1]);
        if (marker == 0xFF) {  // fill byte
            ++at;
            continue;
        }
        const bool sof =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof)
            return size(be16(b, at + 7), be16(b, at + 5));
        at += 2 + be16(b, at + 2);
    }
    return std::nullopt;
}

// TIFF: the first directory's ImageWidth and ImageLength tags.
std::optional<cv::Size> tiffSize(std::string_view b) {
    const bool little = b[0] == 'I';
    auto u16 = [&](std::size_t at) { return little ? le16(b, at) : be16(b, at); };
    auto u32 = [&](std::size_t at) {
        return little ? (le16(b, at) | (le16(b, at + 2) << 16)) : be32(b, at);
    };
    const std::size_t ifd = u32(4);
    if (ifd + 2 > b.size())
        return std::nullopt;
    std::int64_t width = 0, height = 0;
    const std::size_t entries = u16(ifd);
    for (std::size_t i = 0; i < entries && ifd + 2 + (i + 1) * 12 <= b.size(); ++i) {
        const std::size_t e = ifd + 2 + i * 12;
        const std::uint32_t tag = u16(e), type = u16(e + 2);
        const std::int64_t value = type == 3 ? u16(e + 8) : u32(e + 8);
        if (tag == 256)
            width = value;
        else if (tag == 257)
            height = value;
    }
    return size(width, height);
}

// PBM/PGM/PPM: "P1"–"P6", then width and height in text, comments allowed.
std::optional<cv::Size> pnmSize(std::string_view b) {
    std::int64_t numbers[2] = {0, 0};
    std::size_t at = 2;
    for (auto& n : numbers) {
        while (at < b.size() && (std::isspace(static_cast<unsigned char>(b[at])) || b[at] == '#')) {
            if (b[at] == '#')
                while (at < b.size() && b[at] != '\n')
                    ++at;
            else
                ++at;
        }
        if (at >= b.size() || !std::isdigit(static_cast<unsigned char>(b[at])))
            return std::nullopt;
        while (at < b.size() && std::isdigit(static_cast<unsigned char>(b[at])) && n < (1 << 30))
            n = n * 10 + (b[at++] - '0');
    }
    return size(numbers[0], numbers[1]);
}

std::optional<cv::Size> webpSize(std::string_view b) {
    if (b.size() < 30)
        return std::nullopt;
    const std::string_view chunk = b.substr(12, 4);
    if (chunk == "VP8X")
        return size(1 + le24(b, 24), 1 + le24(b, 27));
    if (chunk == "VP8L" && static_cast<std::uint8_t>(b[20]) == 0x2F) {
        const std::uint32_t bits = le16(b, 21) | (le16(b, 23) << 16);
        return size(1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF));
    }
    if (chunk == "VP8 ")
        return size(le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF);
    return std::nullopt;
}
}  // namespace

std::optional<cv::Size> sniffImageSize(std::string_view b) {
    if (b.size() >= 24 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n")
        return size(be32(b, 16), be32(b, 20));
    if (b.size() >= 4 && static_cast<std::uint8_t>(b[0]) == 0xFF &&
        static_cast<std::uint8_t>(b[1]) == 0xD8)
        return jpegSize(b);
    if (b.size() >= 16 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP")
        return webpSize(b);
    if (b.size() >= 8 && (b.substr(0, 4) == std::string_view("II*\0", 4) ||
                          b.substr(0, 4) == std::string_view("MM\0*", 4)))
        return tiffSize(b);
    if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6')
        return pnmSize(b);
    if (b.size() >= 26 && b.substr(0, 2) == "BM") {
        const std::int64_t h = le32s(b, 22);
        return size(le32s(b, 18), h < 0 ? -h : h);
    }
    return std::nullopt;
}

std::string describeSize(int width, int height) {
    char text[96];
    std::snprintf(text, sizeof text, "%d×%d pixels (%.1f megapixels)", width, height,
                  static_cast<double>(width) * height / 1e6);
    return text;
}

Result<cv::Mat> decodeImage(std::string_view bytes, const std::string& what,
                            std::int64_t maxPixels) {
    if (bytes.empty())
        return makeError(ErrorCode::Unprocessable, what + " is empty");
    const auto tooLarge = [&](int w, int h) {
        char limit[32];
        std::snprintf(limit, sizeof limit, "%.0f", static_cast<double>(maxPixels) / 1e6);
        return makeError(ErrorCode::Unprocessable, what + " is " + describeSize(w, h) +
                                                       "; this model accepts images of up to " +
                                                       limit + " megapixels");
    };
    // The size is read from the header before anything is decoded; a format whose header this
    // code cannot read is refused rather than decoded blind.
    const auto sniffed = sniffImageSize(bytes);
    if (!sniffed)
        return makeError(ErrorCode::Unprocessable,
                         what +
                             " is not a PNG, JPEG, WebP, BMP, TIFF or PNM image, or its header "
                             "is corrupt");
    if (static_cast<std::int64_t>(sniffed->width) * sniffed->height > maxPixels)
        return tooLarge(sniffed->width, sniffed->height);

    cv::Mat image;
    try {
        const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8U,
                          const_cast<char*>(bytes.data()));
        image = cv::imdecode(raw, cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
        return makeError(ErrorCode::Unprocessable,
                         what + " could not be decoded as an image: " + e.msg);
    }
    if (image.empty())
        return makeError(ErrorCode::Unprocessable,
                         what +
                             " is not an image this model can read (PNG, JPEG, WebP, BMP, "
                             "TIFF, GIF are), or the file is truncated or corrupt");
    if (static_cast<std::int64_t>(image.cols) * image.rows > maxPixels)
        return tooLarge(image.cols, image.rows);
    return image;
}

Result<cv::Mat> loadImageInput(PredictContext& ctx, const char* name, std::int64_t maxPixels) {
    const boost::json::value* uri = ctx.input.if_contains(name);
    if (!uri || !uri->is_string())
        return makeError(ErrorCode::Unprocessable, std::string(name) + " is required");
    if (!ctx.fetchInput)
        return makeError(ErrorCode::Internal, "this runner cannot read file inputs");
    auto bytes = ctx.fetchInput(std::string(uri->get_string()));
    if (!bytes)
        return bytes.error();
    return decodeImage(*bytes, std::string(name), maxPixels);
}

boost::json::array imageFormatChoices() {
    return boost::json::array{"webp", "jpg", "png"};
}

Result<OutputFile> encodeImage(const cv::Mat& image, const std::string& format, int quality,
                               const std::string& stem) {
    std::vector<int> params;
    std::string contentType;
    if (format == "webp") {
        // OpenCV writes lossless WebP above 100; keep the lossy range the caller chose.
        params = {cv::IMWRITE_WEBP_QUALITY, std::clamp(quality, 1, 100)};
        contentType = "image/webp";
    } else if (format == "jpg") {
        params = {cv::IMWRITE_JPEG_QUALITY, std::clamp(quality, 0, 100)};
        contentType = "image/jpeg";
    } else if (format == "png") {
        params = {cv::IMWRITE_PNG_COMPRESSION, 3};  // zlib's speed/size sweet spot
        contentType = "image/png";
    } else {
        return makeError(ErrorCode::Unprocessable, "unknown output_format: " + format);
    }
    std::vector<unsigned char> buffer;
    try {
        if (!cv::imencode("." + format, image, buffer, params))
            return makeError(ErrorCode::Internal, "could not encode the image as " + format);
    } catch (const cv::Exception& e) {
        return makeError(ErrorCode::Internal,
                         "could not encode the image as " + format + ": " + e.msg);
    }
    return OutputFile{std::string(buffer.begin(), buffer.end()), contentType, stem + "." + format};
}

Result<std::string> saveImage(PredictContext& ctx, const cv::Mat& image, const std::string& format,
                              int quality, const std::string& stem) {
    auto file = encodeImage(image, format, quality, stem);
    if (!file)
        return file.error();
    if (!ctx.saveFile)
        return makeError(ErrorCode::Internal, "this runner cannot store output files");
    return ctx.saveFile(std::move(*file));
}

}  // namespace replicant::backend::runners::builtin
