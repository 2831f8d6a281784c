// replicant/stylize, replicant/upscale and replicant/denoise: classical image processing from
// OpenCV's photo and imgproc modules. No machine learning; the READMEs say so.
#include <boost/json.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include <algorithm>
#include <cstdio>

#include "runners/builtin/catalog.h"
#include "runners/builtin/image_io.h"
#include "runners/builtin/inputs.h"
#include "runners/builtin/samples.h"
#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

namespace {

// The photo filters cost seconds per megapixel on a laptop core; larger inputs are refused with
// a clear message instead of tying up a worker for minutes.
constexpr std::int64_t kMaxPhotoPixels = 16'000'000;
constexpr std::int64_t kMaxUpscaledPixels = 64'000'000;

Error canceled() {
    return makeError(ErrorCode::Internal, "canceled");
}

void addOutputFormat(CogInput& in, int defaultQuality) {
    in.choice("output_format", "Format of the output image", imageFormatChoices(), "webp");
    in.integer("output_quality",
               "Quality when saving the output image, from 0 to 100 (not used for png)",
               defaultQuality, 0, 100);
}

Result<json::value> finish(PredictContext& ctx, const cv::Mat& out) {
    if (ctx.isCanceled())
        return canceled();
    auto url = saveImage(ctx, out, stringInput(ctx, "output_format", "webp"),
                         static_cast<int>(intInput(ctx, "output_quality", 90)), "output");
    if (!url)
        return url.error();
    return json::value(*url);
}

class Stylize final : public Runner {
public:
    json::object openapiSchema() const override {
        CogInput in;
        in.file("image", "Image to restyle");
        in.choice("style",
                  "stylization: a watercolour-like look; pencil_sketch: a grey pencil drawing; "
                  "color_pencil_sketch: a coloured one; detail_enhance: exaggerated local "
                  "detail; edge_preserving: smooth surfaces with sharp edges",
                  json::array{"stylization", "pencil_sketch", "color_pencil_sketch",
                              "detail_enhance", "edge_preserving"},
                  "stylization");
        in.number("sigma_s",
                  "Spatial extent of the smoothing, in pixels: larger values smooth over larger "
                  "areas",
                  60, 1, 200);
        in.number("sigma_r",
                  "How different two colours may be and still be averaged: larger values flatten "
                  "more",
                  0.45, 0.01, 1);
        in.number("shade_factor", "Brightness of the pencil sketches' shading", 0.02, 0, 0.1);
        addOutputFormat(in, 90);
        return in.openapi(fileOutput());
    }
    int concurrency() const override { return 2; }

    Result<json::value> predict(PredictContext& ctx) override {
        auto image = loadImageInput(ctx, "image", kMaxPhotoPixels);
        if (!image)
            return image.error();
        if (ctx.isCanceled())
            return canceled();
        const std::string style = stringInput(ctx, "style", "stylization");
        const auto sigmaS = static_cast<float>(numberInput(ctx, "sigma_s", 60));
        const auto sigmaR = static_cast<float>(numberInput(ctx, "sigma_r", 0.45));
        const auto shade = static_cast<float>(numberInput(ctx, "shade_factor", 0.02));
        cv::Mat out;
        try {
            if (style == "stylization") {
                cv::stylization(*image, out, sigmaS, sigmaR);
            } else if (style == "pencil_sketch" || style == "color_pencil_sketch") {
                cv::Mat gray, color;
                cv::pencilSketch(*image, gray, color, sigmaS, sigmaR, shade);
                out = style == "pencil_sketch" ? gray : color;
            } else if (style == "detail_enhance") {
                cv::detailEnhance(*image, out, sigmaS, sigmaR);
            } else if (style == "edge_preserving") {
                cv::edgePreservingFilter(*image, out, cv::RECURS_FILTER, sigmaS, sigmaR);
            } else {
                return makeError(ErrorCode::Unprocessable, "unknown style: " + style);
            }
        } catch (const cv::Exception& e) {
            return makeError(ErrorCode::Internal, "OpenCV failed: " + e.msg);
        }
        return finish(ctx, out);
    }
};

class Upscale final : public Runner {
public:
    json::object openapiSchema() const override {
        CogInput in;
        in.file("image", "Image to enlarge");
        in.choice("scale", "Factor to enlarge the image by", json::array{2, 4}, 2);
        in.choice("method",
                  "Resampling filter: lanczos (sharper, may ring at hard edges) or bicubic "
                  "(softer)",
                  json::array{"lanczos", "bicubic"}, "lanczos");
        in.number("sharpen",
                  "Strength of the unsharp mask applied after resampling to restore edge "
                  "contrast; 0 turns it off",
                  0.6, 0, 2);
        addOutputFormat(in, 90);
        return in.openapi(fileOutput());
    }
    int concurrency() const override { return 2; }

    Result<json::value> predict(PredictContext& ctx) override {
        const int scale = static_cast<int>(intInput(ctx, "scale", 2));
        if (scale != 2 && scale != 4)
            return makeError(ErrorCode::Unprocessable, "scale must be 2 or 4");
        auto image = loadImageInput(ctx, "image", kMaxUpscaledPixels / (scale * scale));
        if (!image)
            return image.error();
        if (ctx.isCanceled())
            return canceled();
        const int filter = stringInput(ctx, "method", "lanczos") == "bicubic" ? cv::INTER_CUBIC
                                                                              : cv::INTER_LANCZOS4;
        const double sharpen = numberInput(ctx, "sharpen", 0.6);
        cv::Mat out;
        try {
            cv::resize(*image, out, cv::Size(image->cols * scale, image->rows * scale), 0, 0,
                       filter);
            if (ctx.isCanceled())
                return canceled();
            if (sharpen > 0) {
                // Unsharp mask at the scale of the new pixels: adds back the local contrast that
                // interpolation spreads out, without inventing detail.
                cv::Mat blurred;
                cv::GaussianBlur(out, blurred, cv::Size(), 0.5 * scale);
                cv::addWeighted(out, 1.0 + sharpen, blurred, -sharpen, 0, out);
            }
        } catch (const cv::Exception& e) {
            return makeError(ErrorCode::Internal, "OpenCV failed: " + e.msg);
        }
        return finish(ctx, out);
    }
};

class Denoise final : public Runner {
public:
    json::object openapiSchema() const override {
        CogInput in;
        in.file("image", "Noisy image");
        in.number("strength",
                  "Filter strength for brightness: higher removes more noise and more detail", 10,
                  1, 40);
        in.number("color_strength", "Filter strength for colour noise", 10, 1, 40);
        in.choice("search_window",
                  "Size in pixels of the area searched for similar patches: larger is slower and "
                  "finds more",
                  json::array{11, 21, 31}, 21);
        addOutputFormat(in, 95);
        return in.openapi(fileOutput());
    }
    // Non-local means already uses every core for one image.
    int concurrency() const override { return 1; }

    Result<json::value> predict(PredictContext& ctx) override {
        auto image = loadImageInput(ctx, "image", kMaxPhotoPixels);
        if (!image)
            return image.error();
        const auto h = static_cast<float>(numberInput(ctx, "strength", 10));
        const auto hColor = static_cast<float>(numberInput(ctx, "color_strength", 10));
        const int search = static_cast<int>(intInput(ctx, "search_window", 21)) | 1;
        constexpr int kTemplate = 7;
        // Each output pixel depends only on the input within this radius, so the image is
        // filtered in overlapping tiles whose interiors match the whole-image result exactly;
        // between tiles the prediction can stop when it is canceled.
        const int pad = search / 2 + kTemplate / 2;
        constexpr int kTile = 192;
        cv::Mat out(image->size(), image->type());
        try {
            for (int y = 0; y < image->rows; y += kTile)
                for (int x = 0; x < image->cols; x += kTile) {
                    if (ctx.isCanceled())
                        return canceled();
                    const cv::Rect inner(x, y, std::min(kTile, image->cols - x),
                                         std::min(kTile, image->rows - y));
                    const cv::Rect outer =
                        cv::Rect(x - pad, y - pad, inner.width + 2 * pad, inner.height + 2 * pad) &
                        cv::Rect(0, 0, image->cols, image->rows);
                    cv::Mat tile;
                    cv::fastNlMeansDenoisingColored((*image)(outer), tile, h, hColor, kTemplate,
                                                    search);
                    tile(inner - outer.tl()).copyTo(out(inner));
                }
        } catch (const cv::Exception& e) {
            return makeError(ErrorCode::Internal, "OpenCV failed: " + e.msg);
        }
        return finish(ctx, out);
    }
};

}  // namespace

std::vector<BuiltinModel> photoModels() {
    std::vector<BuiltinModel> models;
    models.push_back(BuiltinModel{
        "replicant", "stylize",
        "Restyles a photo as a painting or pencil sketch with OpenCV's classical photo filters",
        "# stylize\n\n"
        "Restyles an image with the non-photorealistic filters of OpenCV's `photo` module, which "
        "are built on the edge-preserving *domain transform* filter (Gastal & Oliveira, 2011):\n\n"
        "| style | what it does |\n|---|---|\n"
        "| `stylization` | flattens colours and darkens edges: a watercolour or cartoon look |\n"
        "| `pencil_sketch` | a grey pencil drawing |\n"
        "| `color_pencil_sketch` | a coloured pencil drawing |\n"
        "| `detail_enhance` | exaggerates local detail |\n"
        "| `edge_preserving` | smooths surfaces and keeps edges sharp |\n\n"
        "`sigma_s` sets how far the smoothing reaches (in pixels) and `sigma_r` how different two "
        "colours may be and still be blended; `shade_factor` brightens the sketches.\n\n"
        "This is classical image processing, not machine learning: it is deterministic and runs "
        "on the CPU in well under a second for a typical photo. Inputs up to 16 megapixels.\n",
        "", "cpu", "https://github.com/opencv/opencv",
        json::object{{"image", sampleImageDataUri(SampleImage::Scene)}, {"style", "stylization"}},
        std::make_shared<Stylize>()});
    models.push_back(BuiltinModel{
        "replicant", "upscale",
        "Enlarges an image 2× or 4× with classical resampling and sharpening",
        "# upscale\n\n"
        "Enlarges an image by 2 or 4 with Lanczos (or bicubic) resampling, then applies an unsharp "
        "mask to restore edge contrast (`sharpen`, 0 to turn it off).\n\n"
        "This is classical resampling, not a super-resolution network: it cannot invent detail "
        "that is not in the input, and it is deterministic. The output may have up to 64 "
        "megapixels.\n",
        "", "cpu", "https://github.com/opencv/opencv",
        json::object{{"image", sampleImageDataUri(SampleImage::Small)}, {"scale", 2}},
        std::make_shared<Upscale>()});
    models.push_back(BuiltinModel{
        "replicant", "denoise",
        "Removes noise from a photo with non-local means, a classical algorithm",
        "# denoise\n\n"
        "Removes grain and sensor noise with OpenCV's *non-local means* filter (Buades, Coll & "
        "Morel, 2005) on the brightness and colour channels separately: each pixel becomes a "
        "weighted average of pixels whose surrounding patches look alike.\n\n"
        "`strength` and `color_strength` trade noise for detail; `search_window` sets how far "
        "similar patches are looked for.\n\n"
        "This is a classical algorithm, not machine learning: deterministic, CPU only, roughly a "
        "second per megapixel. Inputs up to 16 megapixels.\n",
        "", "cpu", "https://github.com/opencv/opencv",
        json::object{{"image", sampleImageDataUri(SampleImage::Noisy)}},
        std::make_shared<Denoise>()});
    return models;
}

}  // namespace replicant::backend::runners::builtin
