// The built-in models, run directly (tests/backend/model_harness.h): real results from real
// inputs, GLBs checked by the Khronos validator, seeds, streaming, cancel and bad inputs.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <tiny_gltf.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>
#include <fstream>
#include <set>
#include <thread>

#include "core/input_validation.h"
#include "model_harness.h"
#include "runners/builtin/image_io.h"
#include "runners/builtin/samples.h"

namespace json = boost::json;
using namespace replicant::backend::runners::builtin;

namespace {

const char* const kSentence = "The quick brown fox jumps over the lazy dog";
const char* const kPhoto = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg";

std::string encode(const cv::Mat& image, const std::string& ext) {
    std::vector<unsigned char> bytes;
    cv::imencode(ext, image, bytes);
    return std::string(bytes.begin(), bytes.end());
}

std::string pngUri(const cv::Mat& image) {
    return harness::dataUri(encode(image, ".png"), "image/png");
}

cv::Mat decodeOutput(const json::value& url) {
    const auto* f = harness::file(std::string(url.as_string()));
    if (!f)
        return {};
    return cv::imdecode(
        cv::Mat(1, static_cast<int>(f->bytes.size()), CV_8U, const_cast<char*>(f->bytes.data())),
        cv::IMREAD_UNCHANGED);
}

std::string bytesOf(const json::value& url) {
    const auto* f = harness::file(std::string(url.as_string()));
    return f ? f->bytes : std::string();
}

std::string words(std::string text) {  // lower case, letters and single spaces
    std::string out;
    for (char c : text) {
        if (std::isalpha(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!out.empty() && out.back() != ' ')
            out += ' ';
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

// A w×h grid of coloured vertices, with (w-1)(h-1) quads when `faces`, as PLY.
std::string gridPly(int w, int h, bool faces, const std::string& format) {
    std::string out = "ply\nformat " + format + " 1.0\nelement vertex " + std::to_string(w * h) +
                      "\nproperty float x\nproperty float y\nproperty float z\n"
                      "property uchar red\nproperty uchar green\nproperty uchar blue\n";
    if (faces)
        out += "element face " + std::to_string((w - 1) * (h - 1)) +
               "\nproperty list uchar int vertex_indices\n";
    out += "end_header\n";
    const bool ascii = format == "ascii", big = format == "binary_big_endian";
    auto put = [&](const void* p, std::size_t n) {
        std::string bytes(static_cast<const char*>(p), n);
        if (big)
            std::reverse(bytes.begin(), bytes.end());
        out += bytes;
    };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const float p[3] = {float(x), float(y), float((x * y) % 3) * 0.1f};
            const unsigned char c[3] = {static_cast<unsigned char>(x * 20), 128,
                                        static_cast<unsigned char>(y * 20)};
            if (ascii) {
                out += std::to_string(p[0]) + " " + std::to_string(p[1]) + " " +
                       std::to_string(p[2]) + " " + std::to_string(c[0]) + " " +
                       std::to_string(c[1]) + " " + std::to_string(c[2]) + "\n";
                continue;
            }
            for (float v : p)
                put(&v, 4);
            out.append(reinterpret_cast<const char*>(c), 3);
        }
    if (!faces)
        return out;
    for (int y = 0; y + 1 < h; ++y)
        for (int x = 0; x + 1 < w; ++x) {
            const std::int32_t q[4] = {y * w + x, y * w + x + 1, (y + 1) * w + x + 1,
                                       (y + 1) * w + x};
            if (ascii) {
                out += "4";
                for (auto i : q)
                    out += " " + std::to_string(i);
                out += "\n";
                continue;
            }
            out += static_cast<char>(4);
            for (auto i : q)
                put(&i, 4);
        }
    return out;
}

struct GlbSummary {
    bool loaded = false;
    std::size_t vertices = 0, indices = 0;
    int mode = -1;
    bool colors = false, normals = false;
};

GlbSummary readGlb(const std::string& bytes) {
    tinygltf::Model model;
    tinygltf::TinyGLTF loader;
    std::string err, warn;
    GlbSummary s;
    s.loaded = loader.LoadBinaryFromMemory(&model, &err, &warn,
                                           reinterpret_cast<const unsigned char*>(bytes.data()),
                                           static_cast<unsigned>(bytes.size()));
    if (!s.loaded || model.meshes.size() != 1 || model.meshes[0].primitives.size() != 1)
        return GlbSummary{};
    const auto& p = model.meshes[0].primitives[0];
    s.mode = p.mode;
    s.vertices = model.accessors[static_cast<std::size_t>(p.attributes.at("POSITION"))].count;
    s.indices = p.indices >= 0 ? model.accessors[static_cast<std::size_t>(p.indices)].count : 0;
    s.colors = p.attributes.count("COLOR_0") > 0;
    s.normals = p.attributes.count("NORMAL") > 0;
    return s;
}

}  // namespace

class BuiltinModelsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir glbDir_;
    QStringList glbs_;  // every GLB the tests made, validated at the end

    void keepGlb(const QString& name, const std::string& bytes) {
        const QString path = glbDir_.filePath(name + ".glb");
        std::ofstream(path.toStdString(), std::ios::binary) << bytes;
        glbs_ << path;
    }

private slots:
    void everyModelIsDescribedAndItsExampleRuns() {
        // A built-in without a fixed version id gets one derived from its schema: two models
        // with the same schema would share (and fight over) one version.
        std::set<std::string> documents;
        for (const auto& m : catalog())
            if (m.versionId.empty())
                QVERIFY2(documents.insert(json::serialize(m.runner->openapiSchema())).second,
                         m.name.c_str());
        for (const auto& m : catalog()) {
            if (m.owner != "replicant" || m.name == "sleep")
                continue;
            const QByteArray name = QByteArray::fromStdString(m.name);
            QVERIFY2(!m.description.empty() && m.readme.rfind("# ", 0) == 0, name);
            QCOMPARE(QString::fromStdString(m.hardware), QStringLiteral("cpu"));
            QVERIFY2(m.runner->concurrency() >= 1, name);
            const json::object schema = m.runner->openapiSchema();
            const auto& schemas = schema.at("components").at("schemas").as_object();
            for (const auto& [key, prop] : schemas.at("Input").at("properties").as_object()) {
                const auto& p = prop.as_object();
                QVERIFY2(p.contains("x-order") && p.contains("description"),
                         name + "." + key.data());
                if (auto all = p.if_contains("allOf")) {  // Cog's choices: a $ref to an enum
                    const std::string ref(all->at(0).at("$ref").as_string());
                    const auto& target = schemas.at(ref.substr(ref.rfind('/') + 1)).as_object();
                    QVERIFY(target.contains("enum") && target.contains("type"));
                } else {
                    QVERIFY2(p.contains("title") && p.contains("type"), name + "." + key.data());
                }
            }
            const auto run = harness::run(m.name, m.exampleInput);
            QVERIFY2(run.ok(), (name + ": " + run.error().c_str()).constData());
        }
    }

    void ocrReadsBackARenderedSentence() {
        cv::Mat page(220, 1400, CV_8UC3, cv::Scalar::all(255));
        cv::putText(page, kSentence, {40, 130}, cv::FONT_HERSHEY_SIMPLEX, 1.8, cv::Scalar::all(0),
                    3, cv::LINE_AA);
        auto run = harness::run("ocr", {{"image", pngUri(page)}, {"word_boxes", true}});
        QVERIFY2(run.ok(), run.error().c_str());
        const std::string text(run.output().at("text").as_string());
        QCOMPARE(QString::fromStdString(words(text)), QString::fromStdString(words(kSentence)));
        const auto& boxes = run.output().at("words").as_array();
        QCOMPARE(boxes.size(), std::size_t(9));
        for (const auto& w : boxes) {
            QVERIFY(w.at("x").as_int64() >= 0 && w.at("x").as_int64() < page.cols);
            QVERIFY(w.at("y").as_int64() > 40 && w.at("y").as_int64() < 140);
            QVERIFY(w.at("confidence").to_number<double>() > 50);
        }
        auto plain = harness::run("ocr", {{"image", pngUri(page)}});
        QVERIFY(plain.ok() && plain.output().at("words").is_null());
    }

    void faceDetectionFindsTheFaceInAPhoto() {
        std::ifstream in(kPhoto, std::ios::binary);
        QVERIFY2(in, "the opencv-doc package's sample photo is missing (scripts/bootstrap)");
        const std::string photo((std::istreambuf_iterator<char>(in)), {});
        auto run = harness::run("face-detect", {{"image", harness::dataUri(photo, "image/jpeg")}});
        QVERIFY2(run.ok(), run.error().c_str());
        const auto& faces = run.output().at("faces").as_array();
        QVERIFY2(faces.size() >= 1, json::serialize(run.output()).c_str());
        const cv::Mat annotated = decodeOutput(run.output().at("image"));
        QCOMPARE(annotated.cols, 548);
        QCOMPARE(annotated.rows, 342);
        // Messi's face is about 40 pixels across, around (244, 112); nothing else is a face.
        QCOMPARE(faces.size(), std::size_t(1));
        const auto& f = faces[0].as_object();
        const auto x = f.at("x").as_int64(), y = f.at("y").as_int64(), w = f.at("width").as_int64();
        QVERIFY2(x < 244 && x + w > 244 && y < 112 && y + f.at("height").as_int64() > 112 &&
                     w > 25 && w < 80,
                 json::serialize(f).c_str());
        // The drawn face of the model's own example is found too.
        auto drawn =
            harness::run("face-detect", {{"image", sampleImageDataUri(SampleImage::Face)}});
        QVERIFY(drawn.ok() && drawn.output().at("faces").as_array().size() == 1);
    }

    void ttsWritesAValidWavOfPlausibleLength() {
        double seconds[2] = {};
        for (int i = 0; i < 2; ++i) {
            auto run = harness::run("tts", {{"text", kSentence}, {"speed", i == 0 ? 175 : 350}});
            QVERIFY2(run.ok(), run.error().c_str());
            const auto* f = harness::file(std::string(run.output().as_string()));
            QVERIFY(f && f->contentType == "audio/wav");
            const std::string& wav = f->bytes;
            QVERIFY(wav.size() > 44 && wav.substr(0, 4) == "RIFF" &&
                    wav.substr(8, 8) == "WAVEfmt ");
            std::uint32_t riff, rate, dataBytes;
            std::uint16_t format, channels, bits;
            std::memcpy(&riff, wav.data() + 4, 4);
            std::memcpy(&format, wav.data() + 20, 2);
            std::memcpy(&channels, wav.data() + 22, 2);
            std::memcpy(&rate, wav.data() + 24, 4);
            std::memcpy(&bits, wav.data() + 34, 2);
            std::memcpy(&dataBytes, wav.data() + 40, 4);
            QCOMPARE(riff, std::uint32_t(wav.size() - 8));
            QCOMPARE(format, std::uint16_t(1));
            QCOMPARE(channels, std::uint16_t(1));
            QCOMPARE(bits, std::uint16_t(16));
            QCOMPARE(dataBytes, std::uint32_t(wav.size() - 44));
            seconds[i] = dataBytes / 2.0 / rate;
        }
        // Nine words at 175 words a minute: about three seconds.
        QVERIFY2(seconds[0] > 1.5 && seconds[0] < 6, qPrintable(QString::number(seconds[0])));
        QVERIFY(seconds[1] < seconds[0] * 0.75);
        const auto schema = harness::model("tts")->runner->openapiSchema();
        const auto& components = schema.at("components").at("schemas");
        for (const auto& voice : components.at("voice").at("enum").as_array()) {
            auto run =
                harness::run("tts", {{"text", "one two"}, {"voice", voice}, {"variant", "f2"}});
            QVERIFY2(run.ok(), (json::serialize(voice) + ": " + run.error()).c_str());
        }
    }

    void textModelStreamsTokensAndSeedsReproduce() {
        const json::object input{{"prompt", "A lawyer is"}, {"max_tokens", 20}, {"seed", 1}};
        auto a = harness::run("markov-text", input);
        QVERIFY2(a.ok(), a.error().c_str());
        QCOMPARE(a.emitted.size(), std::size_t(20));
        QVERIFY(a.output().is_null());
        // Streamed: the first token came long before the last.
        QVERIFY(a.emittedAt.front() - a.started < std::chrono::milliseconds(200));
        QVERIFY(a.finished - a.emittedAt.front() > std::chrono::milliseconds(200));
        std::string text;
        for (const auto& t : a.emitted)
            text += t.as_string();
        QVERIFY2(text.size() > 40 && text[0] == ' ', text.c_str());
        auto b = harness::run("markov-text", input);
        QVERIFY(a.emitted == b.emitted);
        json::object other = input;
        other["seed"] = 2;
        QVERIFY(harness::run("markov-text", other).emitted != a.emitted);
    }

    void proceduralImagesAreSeededAndSized() {
        for (const char* name : {"plasma", "voronoi", "flow-field"}) {
            const json::object input{
                {"prompt", "ocean sunset"}, {"width", 200},    {"height", 120}, {"seed", 5},
                {"output_format", "png"},   {"num_outputs", 2}};
            auto a = harness::run(name, input), b = harness::run(name, input);
            QVERIFY2(a.ok() && b.ok(), (a.error() + b.error()).c_str());
            const auto& urls = a.output().as_array();
            QCOMPARE(urls.size(), std::size_t(name == std::string("flow-field") ? 16 : 2));
            const cv::Mat first = decodeOutput(urls[0]);
            QCOMPARE(first.cols, 200);
            QCOMPARE(first.rows, 120);
            QVERIFY(bytesOf(urls[0]) == bytesOf(b.output().at(0)));       // same seed
            QVERIFY(bytesOf(urls[0]) != bytesOf(urls[urls.size() - 1]));  // seed + 1 differs
            json::object reseeded = input;
            reseeded["seed"] = 6;
            QVERIFY(bytesOf(harness::run(name, reseeded).output().at(0)) != bytesOf(urls[0]));
        }
        for (const char* format : {"webp", "jpg"}) {
            auto run = harness::run(
                "plasma",
                {{"prompt", "x"}, {"width", 64}, {"height", 64}, {"output_format", format}});
            QVERIFY(run.ok() && !decodeOutput(run.output().at(0)).empty());
        }
    }

    void photoModelsTransformImages() {
        const cv::Mat scene = sampleImage(SampleImage::Scene);
        for (const char* style : {"stylization", "pencil_sketch", "color_pencil_sketch",
                                  "detail_enhance", "edge_preserving"}) {
            auto run = harness::run(
                "stylize", {{"image", pngUri(scene)}, {"style", style}, {"output_format", "png"}});
            QVERIFY2(run.ok(), run.error().c_str());
            QCOMPARE(decodeOutput(run.output()).size(), scene.size());
        }
        for (int scale : {2, 4}) {
            auto run = harness::run("upscale", {{"image", pngUri(scene)}, {"scale", scale}});
            QVERIFY2(run.ok(), run.error().c_str());
            QCOMPARE(decodeOutput(run.output()).size(), scene.size() * scale);
        }
        // Non-local means brings a noisy copy closer to the clean scene.
        cv::Mat noise(scene.size(), CV_16SC3), noisy;
        cv::RNG(3).fill(noise, cv::RNG::NORMAL, 0, 18);
        scene.convertTo(noisy, CV_16SC3);
        noisy += noise;
        noisy.convertTo(noisy, CV_8UC3);
        auto run = harness::run("denoise", {{"image", pngUri(noisy)}, {"output_format", "png"}});
        QVERIFY2(run.ok(), run.error().c_str());
        const double before = cv::PSNR(noisy, scene),
                     after = cv::PSNR(decodeOutput(run.output()), scene);
        QVERIFY2(after > before + 3, qPrintable(QString("PSNR %1 → %2").arg(before).arg(after)));
    }

    void plyRoundTripsVertexCounts() {
        for (const char* format : {"ascii", "binary_little_endian", "binary_big_endian"})
            for (bool faces : {true, false}) {
                const std::string ply = gridPly(9, 7, faces, format);
                auto run =
                    harness::run("ply-to-glb", {{"ply_file", harness::dataUri(ply, "text/plain")}});
                QVERIFY2(run.ok(), (std::string(format) + ": " + run.error()).c_str());
                const std::string glb = bytesOf(run.output());
                const GlbSummary s = readGlb(glb);
                QVERIFY(s.loaded);
                QCOMPARE(s.vertices, std::size_t(63));
                QVERIFY(s.colors);
                QCOMPARE(s.mode, faces ? TINYGLTF_MODE_TRIANGLES : TINYGLTF_MODE_POINTS);
                QCOMPARE(s.indices, faces ? std::size_t(8 * 6 * 6) : std::size_t(0));
                QCOMPARE(s.normals, faces);
                keepGlb(QString("ply-%1-%2").arg(format).arg(faces), glb);
            }
    }

    void textTo3dMakesEveryFamilyReproducibly() {
        for (const char* shape : {"blob", "rock", "torus", "vase", "crystal", "tree", "mushroom"}) {
            const json::object input{
                {"prompt", "a red and gold thing"}, {"shape", shape}, {"detail", 3}, {"seed", 9}};
            auto a = harness::run("text-to-3d", input);
            QVERIFY2(a.ok(), (std::string(shape) + ": " + a.error()).c_str());
            const std::string glb = bytesOf(a.output());
            const GlbSummary s = readGlb(glb);
            QVERIFY(s.loaded && s.vertices > 100 && s.indices % 3 == 0 && s.normals && s.colors);
            QVERIFY(glb == bytesOf(harness::run("text-to-3d", input).output()));
            keepGlb(QString("text-to-3d-%1").arg(shape), glb);
        }
        auto detailed = harness::run("text-to-3d", {{"prompt", "a donut"}, {"detail", 6}});
        QVERIFY2(detailed.ok(), detailed.error().c_str());
        QVERIFY(readGlb(bytesOf(detailed.output())).vertices > 65535);  // 32-bit indices
        keepGlb("text-to-3d-detail-6", bytesOf(detailed.output()));
    }

    void imageSizesAreReadFromHeaders() {
        const cv::Mat image(123, 321, CV_8UC3, cv::Scalar(10, 200, 30));
        cv::Mat gray;
        cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
        for (const char* ext : {".png", ".jpg", ".webp", ".bmp", ".tiff", ".ppm", ".pgm"}) {
            const std::string bytes = encode(ext == std::string(".pgm") ? gray : image, ext);
            const auto size = sniffImageSize(bytes);
            QVERIFY2(size && *size == image.size(), ext);
            auto run = harness::run("upscale", {{"image", harness::dataUri(bytes, "image/x")}});
            QVERIFY2(run.ok(), (std::string(ext) + ": " + run.error()).c_str());
        }
    }

    void badInputsGiveClearErrors() {
        auto expectError = [](const char* model, json::object input, const char* needle) {
            auto run = harness::run(model, std::move(input));
            QVERIFY2(!run.ok(), model);
            QVERIFY2(run.error().find(needle) != std::string::npos, run.error().c_str());
        };
        expectError("stylize", {{"image", harness::dataUri("not an image at all", "image/png")}},
                    "is not a PNG, JPEG");
        std::string png = encode(sampleImage(SampleImage::Scene), ".png");
        expectError("denoise",
                    {{"image", harness::dataUri(png.substr(0, png.size() / 2), "image/png")}},
                    "truncated");
        // A PNG header claiming 100000 × 100000 pixels is refused before decoding.
        png.replace(16, 8, std::string("\x00\x01\x86\xa0\x00\x01\x86\xa0", 8));
        expectError("face-detect", {{"image", harness::dataUri(png, "image/png")}}, "megapixels");
        expectError("ocr", {{"image", "https://unreachable.invalid/x.png"}}, "unreachable");
        const cv::Mat big(4200, 4200, CV_8UC3, cv::Scalar::all(90));
        expectError("upscale",
                    {{"image", harness::dataUri(encode(big, ".jpg"), "image/jpeg")}, {"scale", 4}},
                    "megapixels");
        const std::string empty =
            "ply\nformat ascii 1.0\nelement vertex 0\nproperty float x\n"
            "property float y\nproperty float z\nend_header\n";
        expectError("ply-to-glb", {{"ply_file", harness::dataUri(empty, "text/plain")}},
                    "no vertices");
        expectError("ply-to-glb", {{"ply_file", harness::dataUri("hello", "text/plain")}}, "PLY");
        std::string liar = gridPly(3, 3, false, "binary_little_endian");
        liar.replace(liar.find("vertex 9"), 8, "vertex 900000000");
        expectError("ply-to-glb", {{"ply_file", harness::dataUri(liar, "text/plain")}}, "vertices");
        std::string dangling = gridPly(3, 3, true, "ascii");
        dangling.replace(dangling.rfind("4 4 5 8 7"), 9, "4 4 5 8 70");
        expectError("ply-to-glb", {{"ply_file", harness::dataUri(dangling, "text/plain")}},
                    "vertex 70");
        expectError("text-to-3d", {{"prompt", "x"}, {"color", "purple-ish"}}, "#cc8844");
        expectError("tts", {{"text", ""}}, "empty");
        expectError("plasma", {{"prompt", "x"}, {"width", 100000}}, "less than or equal");
    }

    void cancelStopsWorkPromptly() {
        for (const auto& [name, input] : std::vector<std::pair<const char*, json::object>>{
                 {"markov-text", {{"prompt", "x"}, {"max_tokens", 1024}}},
                 {"flow-field",
                  {{"prompt", "x"}, {"width", 2048}, {"height", 2048}, {"num_frames", 24}}},
                 {"voronoi",
                  {{"prompt", "x"}, {"width", 2048}, {"height", 2048}, {"num_outputs", 4}}},
                 {"denoise",
                  {{"image", pngUri(cv::Mat(3000, 3000, CV_8UC3, cv::Scalar::all(128)))}}}}) {
            std::atomic<bool> cancel{false};
            std::thread canceler([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                cancel = true;
            });
            auto run = harness::run(name, input, &cancel);
            canceler.join();
            const auto late = run.finished - run.started - std::chrono::milliseconds(300);
            QVERIFY2(
                late < std::chrono::milliseconds(700),
                qPrintable(
                    QString("%1 ran %2 ms after cancel")
                        .arg(name)
                        .arg(std::chrono::duration_cast<std::chrono::milliseconds>(late).count())));
        }
    }

    // Last: every GLB the tests above wrote, through the Khronos validator.
    void everyGlbPassesTheKhronosValidator() {
        QVERIFY(!glbs_.isEmpty());
        const QString modules = REPLICANT_SOURCE_DIR "/tests/conformance/node_modules";
        QVERIFY2(QFileInfo::exists(modules + "/gltf-validator"),
                 "gltf-validator is not installed in tests/conformance (scripts/bootstrap)");
        QProcess node;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("NODE_PATH", modules);
        node.setProcessEnvironment(env);
        node.start("node",
                   QStringList{REPLICANT_SOURCE_DIR "/tests/backend/validate_glb.cjs"} + glbs_);
        QVERIFY2(node.waitForFinished(120000), "node did not finish");
        QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
        const auto reports = json::parse(node.readAllStandardOutput().toStdString()).as_array();
        QCOMPARE(reports.size(), static_cast<std::size_t>(glbs_.size()));
        for (const auto& r : reports) {
            QVERIFY2(r.at("errors").as_int64() == 0, json::serialize(r).c_str());
            if (r.at("warnings").as_int64() > 0)
                qInfo("%s", json::serialize(r).c_str());
        }
    }
};

QTEST_GUILESS_MAIN(BuiltinModelsTest)
#include "test_builtin_models.moc"
