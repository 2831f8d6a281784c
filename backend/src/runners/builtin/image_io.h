#pragma once

#include <boost/json/array.hpp>
#include <opencv2/core.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runners/runner.h"

namespace replicant::backend::runners::builtin {

// Images larger than this are refused before they are decoded: a small compressed file can
// expand to gigabytes of pixels.
inline constexpr std::int64_t kMaxImagePixels = 40'000'000;

// Width and height read from a PNG, JPEG, WebP, BMP, TIFF or PNM header (the formats
// OpenCV 4.6 decodes that matter here; it reads no GIF), without decoding;
// nullopt for other formats and unreadable headers.
std::optional<cv::Size> sniffImageSize(std::string_view bytes);

// Decodes an image to 8-bit BGR (EXIF orientation applied). Only formats whose size can be read
// from the header first are accepted (see sniffImageSize). The error names `what` (the input's
// name) and says why: not an image, truncated, too large.
Result<cv::Mat> decodeImage(std::string_view bytes, const std::string& what,
                            std::int64_t maxPixels = kMaxImagePixels);

// Fetches the `format: uri` input `name` through the platform and decodes it.
Result<cv::Mat> loadImageInput(PredictContext& ctx, const char* name,
                               std::int64_t maxPixels = kMaxImagePixels);

// The formats image outputs can be written in, as an `output_format` choice.
boost::json::array imageFormatChoices();

// Encodes `image` as `format` ("webp", "jpg", "png"); `quality` (0–100) applies to the lossy
// formats.
Result<OutputFile> encodeImage(const cv::Mat& image, const std::string& format, int quality,
                               const std::string& stem);

// Encodes and stores an output image; returns the URL to put in the output.
Result<std::string> saveImage(PredictContext& ctx, const cv::Mat& image, const std::string& format,
                              int quality, const std::string& stem);

// "an image of 8000×6000 pixels (48.0 megapixels)"-style size text for error messages.
std::string describeSize(int width, int height);

}  // namespace replicant::backend::runners::builtin
