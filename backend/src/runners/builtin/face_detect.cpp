// replicant/face-detect: Viola–Jones cascade classifiers from OpenCV (the trained cascades of
// Debian's opencv-data package). Returns the boxes and the image with the boxes drawn.
#include <boost/json.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include "runners/builtin/catalog.h"
#include "runners/builtin/engine_pool.h"
#include "runners/builtin/image_io.h"
#include "runners/builtin/inputs.h"
#include "runners/builtin/samples.h"
#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

namespace {

// Detection runs on a copy whose longer side is at most this: cascades are scanned at every
// scale, so a 24-megapixel photo would take seconds for faces that are found as well at 1600.
constexpr int kDetectLongSide = 1600;

const char* const kCascades[][2] = {
    {"frontalface_default", "haarcascades/haarcascade_frontalface_default.xml"},
    {"frontalface_alt", "haarcascades/haarcascade_frontalface_alt.xml"},
    {"frontalface_alt2", "haarcascades/haarcascade_frontalface_alt2.xml"},
    {"frontalface_lbp", "lbpcascades/lbpcascade_frontalface_improved.xml"},
    {"profileface", "haarcascades/haarcascade_profileface.xml"},
    {"frontalcatface", "haarcascades/haarcascade_frontalcatface.xml"},
};

// Where opencv-data puts the cascades; REPLICANT_OPENCV_DATA overrides it (e.g. for a
// self-built OpenCV).
std::filesystem::path cascadeRoot() {
    if (const char* dir = std::getenv("REPLICANT_OPENCV_DATA"); dir && *dir)
        return dir;
    return "/usr/share/opencv4";
}

Result<std::unique_ptr<cv::CascadeClassifier>> loadCascade(const std::string& name) {
    for (const auto& [key, file] : kCascades) {
        if (name != key)
            continue;
        const auto path = cascadeRoot() / file;
        auto cascade = std::make_unique<cv::CascadeClassifier>();
        bool loaded = false;
        try {
            loaded = std::filesystem::exists(path) && cascade->load(path.string());
        } catch (const cv::Exception&) {
        }
        if (!loaded)
            return makeError(ErrorCode::Internal,
                             "the cascade file " + path.string() +
                                 " is missing or unreadable (Debian's opencv-data package "
                                 "provides it)");
        return cascade;
    }
    return makeError(ErrorCode::Unprocessable, "unknown cascade: " + name);
}

class FaceDetect final : public Runner {
public:
    json::object openapiSchema() const override {
        CogInput in;
        in.file("image", "Photo to look for faces in");
        json::array names;
        for (const auto& cascade : kCascades)
            names.push_back(json::value(cascade[0]));
        in.choice("cascade",
                  "Which trained cascade to use: Haar frontal faces (three variants), an LBP "
                  "frontal face cascade (faster), profile faces, or cat faces",
                  std::move(names), "frontalface_alt");
        in.number("scale_factor",
                  "How much the search window grows between scales: smaller finds more and is "
                  "slower",
                  1.1, 1.01, 2);
        in.integer("min_neighbors",
                   "How many overlapping raw detections a face needs: higher gives fewer false "
                   "positives",
                   5, 0, 50);
        in.integer("min_size", "Smallest face to look for, in pixels", 30, 8, 4096);
        in.choice("output_format", "Format of the annotated image", imageFormatChoices(), "webp");
        json::object box{
            {"type", "object"},
            {"title", "Face"},
            {"required", json::array{"x", "y", "width", "height", "neighbors"}},
            {"properties",
             json::object{
                 {"x", json::object{{"type", "integer"}, {"title", "X"}}},
                 {"y", json::object{{"type", "integer"}, {"title", "Y"}}},
                 {"width", json::object{{"type", "integer"}, {"title", "Width"}}},
                 {"height", json::object{{"type", "integer"}, {"title", "Height"}}},
                 {"neighbors", json::object{{"type", "integer"}, {"title", "Neighbors"}}},
             }}};
        json::object output{
            {"type", "object"},
            {"required", json::array{"image", "faces"}},
            {"properties",
             json::object{
                 {"image", json::object{{"title", "Image"}, {"type", "string"}, {"format", "uri"}}},
                 {"faces",
                  json::object{
                      {"title", "Faces"}, {"type", "array"}, {"items", std::move(box)}}}}}};
        return in.openapi(std::move(output));
    }
    int concurrency() const override { return 2; }

    Result<json::value> predict(PredictContext& ctx) override {
        auto image = loadImageInput(ctx, "image");
        if (!image)
            return image.error();
        auto cascade = pool(stringInput(ctx, "cascade", "frontalface_alt")).acquire();
        if (!cascade)
            return cascade.error();
        if (ctx.isCanceled())
            return makeError(ErrorCode::Internal, "canceled");

        const double shrink =
            std::min(1.0, double(kDetectLongSide) / std::max(image->cols, image->rows));
        cv::Mat gray;
        cv::cvtColor(*image, gray, cv::COLOR_BGR2GRAY);
        if (shrink < 1.0)
            cv::resize(gray, gray, cv::Size(), shrink, shrink, cv::INTER_AREA);
        cv::equalizeHist(gray, gray);
        const int minSize = std::max(8, static_cast<int>(intInput(ctx, "min_size", 30) * shrink));
        std::vector<cv::Rect> faces;
        std::vector<int> neighbors;
        try {
            (*cascade)->detectMultiScale(
                gray, faces, neighbors, numberInput(ctx, "scale_factor", 1.1),
                static_cast<int>(intInput(ctx, "min_neighbors", 5)), 0, cv::Size(minSize, minSize));
        } catch (const cv::Exception& e) {
            return makeError(ErrorCode::Internal, "OpenCV failed: " + e.msg);
        }
        if (ctx.isCanceled())
            return makeError(ErrorCode::Internal, "canceled");

        json::array boxes;
        cv::Mat annotated = image->clone();
        const int thickness = std::max(2, std::max(image->cols, image->rows) / 300);
        for (std::size_t i = 0; i < faces.size(); ++i) {
            const cv::Rect r(cv::Point(static_cast<int>(faces[i].x / shrink),
                                       static_cast<int>(faces[i].y / shrink)),
                             cv::Size(static_cast<int>(faces[i].width / shrink),
                                      static_cast<int>(faces[i].height / shrink)));
            const cv::Rect box = r & cv::Rect(0, 0, image->cols, image->rows);
            cv::rectangle(annotated, box, cv::Scalar(60, 220, 60), thickness, cv::LINE_AA);
            boxes.push_back(json::object{{"x", box.x},
                                         {"y", box.y},
                                         {"width", box.width},
                                         {"height", box.height},
                                         {"neighbors", i < neighbors.size() ? neighbors[i] : 0}});
        }
        ctx.log("found " + std::to_string(boxes.size()) + " face(s)\n");
        auto url =
            saveImage(ctx, annotated, stringInput(ctx, "output_format", "webp"), 90, "annotated");
        if (!url)
            return url.error();
        return json::value(json::object{{"image", *url}, {"faces", std::move(boxes)}});
    }

private:
    EnginePool<cv::CascadeClassifier>& pool(const std::string& name) {
        std::lock_guard lock(mutex_);
        auto& slot = pools_[name];
        if (!slot)
            slot = std::make_unique<EnginePool<cv::CascadeClassifier>>(
                [name] { return loadCascade(name); });
        return *slot;
    }

    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<EnginePool<cv::CascadeClassifier>>> pools_;
};

}  // namespace

BuiltinModel faceDetectModel() {
    return BuiltinModel{
        "replicant",
        "face-detect",
        "Finds faces in a photo with OpenCV's classical cascade classifiers",
        "# face-detect\n\n"
        "Finds faces with the Viola–Jones cascade classifiers that ship with OpenCV (Debian's "
        "`opencv-data`): Haar cascades for frontal faces (`frontalface_alt`, the default, "
        "`frontalface_default` and `frontalface_alt2`), an LBP cascade (`frontalface_lbp`, "
        "faster), profile faces and cat faces.\n\n"
        "The output is an object: `image`, the photo with a box drawn round each face, and "
        "`faces`, a list of boxes in the input's pixel coordinates (`x`, `y`, `width`, "
        "`height`) with `neighbors`, the number of overlapping raw detections merged into the "
        "box: the cascade's measure of how sure it is (higher is surer; it is not a "
        "probability).\n\n"
        "These are classical detectors from 2001-era computer vision, not a neural network: "
        "fast on a CPU, good with frontal, well-lit faces, weak with turned heads, small faces "
        "and unusual lighting. Tune `scale_factor`, `min_neighbors` and `min_size` to trade "
        "misses for false positives. Large photos are searched at up to 1600 pixels on the "
        "longer side.\n",
        "",
        "cpu",
        "https://github.com/opencv/opencv",
        json::object{{"image", sampleImageDataUri(SampleImage::Face)}},
        std::make_shared<FaceDetect>()};
}

}  // namespace replicant::backend::runners::builtin
