// replicant/ocr: Tesseract 5 (its LSTM recogniser, English data from tesseract-ocr-eng).
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>
#include <boost/json.hpp>
#include <opencv2/imgproc.hpp>

#include <memory>

#include "runners/builtin/catalog.h"
#include "runners/builtin/engine_pool.h"
#include "runners/builtin/image_io.h"
#include "runners/builtin/inputs.h"
#include "runners/builtin/samples.h"
#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

namespace {

Result<std::unique_ptr<tesseract::TessBaseAPI>> makeTesseract() {
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    // nullptr: the data directory Debian's build was configured with (tessdata of
    // tesseract-ocr-eng); TESSDATA_PREFIX overrides it.
    if (api->Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) != 0)
        return makeError(ErrorCode::Internal,
                         "Tesseract could not load its English data (Debian's tesseract-ocr-eng "
                         "package provides it)");
    api->SetVariable("debug_file", "/dev/null");  // no per-page chatter on the server's stderr
    return api;
}

tesseract::PageSegMode segmentation(const std::string& name) {
    if (name == "single_block")
        return tesseract::PSM_SINGLE_BLOCK;
    if (name == "single_line")
        return tesseract::PSM_SINGLE_LINE;
    if (name == "single_word")
        return tesseract::PSM_SINGLE_WORD;
    if (name == "sparse_text")
        return tesseract::PSM_SPARSE_TEXT;
    return tesseract::PSM_AUTO;
}

std::string takeText(char* text) {
    std::string s = text ? text : "";
    delete[] text;
    return s;
}

class Ocr final : public Runner {
public:
    json::object openapiSchema() const override {
        CogInput in;
        in.file("image", "Image with English text: a scan, a screenshot or a photo of a page");
        in.choice("page_segmentation",
                  "How to split the image into text: auto finds columns and blocks; the others "
                  "assume one block, one line, one word, or scattered text",
                  json::array{"auto", "single_block", "single_line", "single_word", "sparse_text"},
                  "auto");
        in.boolean("word_boxes", "Also return each word's box and confidence", false);
        json::object word{
            {"type", "object"},
            {"title", "Word"},
            {"properties",
             json::object{{"text", json::object{{"type", "string"}, {"title", "Text"}}},
                          {"confidence", json::object{{"type", "number"}, {"title", "Confidence"}}},
                          {"x", json::object{{"type", "integer"}, {"title", "X"}}},
                          {"y", json::object{{"type", "integer"}, {"title", "Y"}}},
                          {"width", json::object{{"type", "integer"}, {"title", "Width"}}},
                          {"height", json::object{{"type", "integer"}, {"title", "Height"}}}}}};
        json::object output{
            {"type", "object"},
            {"required", json::array{"text"}},
            {"properties",
             json::object{{"text", json::object{{"title", "Text"}, {"type", "string"}}},
                          {"words", json::object{{"title", "Words"},
                                                 {"type", "array"},
                                                 {"items", std::move(word)},
                                                 {"nullable", true}}}}}};
        return in.openapi(std::move(output));
    }
    int concurrency() const override { return 2; }

    Result<json::value> predict(PredictContext& ctx) override {
        auto image = loadImageInput(ctx, "image");
        if (!image)
            return image.error();
        auto api = pool_.acquire();
        if (!api)
            return api.error();
        tesseract::TessBaseAPI& tess = **api;

        cv::Mat gray;
        cv::cvtColor(*image, gray, cv::COLOR_BGR2GRAY);
        tess.SetPageSegMode(segmentation(stringInput(ctx, "page_segmentation", "auto")));
        tess.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
        tess.SetSourceResolution(300);  // unknown; 300 dpi is Tesseract's own assumption

        // Tesseract polls the monitor between words: a canceled prediction stops there.
        tesseract::ETEXT_DESC monitor;
        monitor.cancel = [](void* context, int) {
            return static_cast<PredictContext*>(context)->isCanceled();
        };
        monitor.cancel_this = &ctx;
        const int status = tess.Recognize(&monitor);
        if (ctx.isCanceled()) {
            tess.Clear();
            return makeError(ErrorCode::Internal, "canceled");
        }
        if (status != 0) {
            tess.Clear();
            return makeError(ErrorCode::Internal, "Tesseract could not recognise the image");
        }

        json::object out{{"text", takeText(tess.GetUTF8Text())}};
        if (boolInput(ctx, "word_boxes")) {
            json::array words;
            std::unique_ptr<tesseract::ResultIterator> it(tess.GetIterator());
            if (it) {
                do {
                    const std::string text = takeText(it->GetUTF8Text(tesseract::RIL_WORD));
                    int left, top, right, bottom;
                    if (text.empty() ||
                        !it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom))
                        continue;
                    words.push_back(json::object{
                        {"text", text},
                        {"confidence", std::round(it->Confidence(tesseract::RIL_WORD) * 10) / 10},
                        {"x", left},
                        {"y", top},
                        {"width", right - left},
                        {"height", bottom - top}});
                } while (it->Next(tesseract::RIL_WORD));
            }
            out["words"] = std::move(words);
        } else {
            out["words"] = nullptr;
        }
        tess.Clear();
        return json::value(std::move(out));
    }

private:
    EnginePool<tesseract::TessBaseAPI> pool_{makeTesseract};
};

}  // namespace

BuiltinModel ocrModel() {
    return BuiltinModel{
        "replicant",
        "ocr",
        "Reads English text in an image with Tesseract 5",
        "# ocr\n\n"
        "Optical character recognition with [Tesseract](https://github.com/tesseract-ocr/"
        "tesseract) 5 and its English model (Debian's `tesseract-ocr-eng`). Tesseract finds "
        "text lines with classical page-layout analysis and reads each with a small LSTM "
        "recogniser; it works best on clean scans and screenshots, and less well on photos "
        "with perspective, curved lines or busy backgrounds.\n\n"
        "Output: an object with `text` (lines separated by newlines) and, when `word_boxes` is "
        "set, `words`: each word's text, its box in pixels and Tesseract's confidence "
        "(0–100).\n\n"
        "`page_segmentation` tells Tesseract what to expect: `auto` for pages, `single_line` or "
        "`single_word` for crops, `sparse_text` for scattered labels.\n",
        "",
        "cpu",
        "https://github.com/tesseract-ocr/tesseract",
        json::object{{"image", sampleImageDataUri(SampleImage::Text)}},
        std::make_shared<Ocr>()};
}

}  // namespace replicant::backend::runners::builtin
