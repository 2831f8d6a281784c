// Unit tests of the Cog runner's pure parts: input and output conversion (files, uploads, the
// local-path leak), media types, secret redaction and the runners config file.
#include <QTemporaryDir>
#include <QtTest>

#include <boost/json.hpp>

#include <fstream>

#include "core/secret_inputs.h"
#include "runners/cog/cog_files.h"
#include "server_config.h"
#include "util/media_type.h"

namespace json = boost::json;
using namespace replicant::backend;

namespace {
json::object openapi(json::value input, json::value output) {
    return json::object{
        {"components", json::object{{"schemas", json::object{{"Input", std::move(input)},
                                                             {"Output", std::move(output)}}}}}};
}

// A context whose saveFile records the files and answers a URL per file.
struct Recorder {
    std::vector<runners::OutputFile> saved;
    runners::PredictContext ctx;
    Recorder() {
        ctx.saveFile = [this](runners::OutputFile f) -> Result<std::string> {
            saved.push_back(f);
            return "http://files.replicant.invalid/files/" + std::to_string(saved.size()) + "/" +
                   f.filename;
        };
        ctx.fetchInput = [](const std::string& uri) -> Result<std::string> {
            if (uri == "http://example.test/cat.png")
                return std::string("\x89PNG\r\n\x1a\n....", 12);
            return makeError(ErrorCode::Unprocessable, "cannot fetch " + uri);
        };
    }
};
}  // namespace

class CogUnitsTest : public QObject {
    Q_OBJECT

private slots:
    void dataUriOutputsBecomeFiles() {
        Recorder r;
        const auto schema =
            json::value{{"type", "array"}, {"items", {{"type", "string"}, {"format", "uri"}}}};
        int index = 0;
        auto out = runners::cog::replicantOutput(
            json::array{"data:image/png;base64,iVBORw0KGgo=", "data:None;base64,AAE=",
                        "https://elsewhere.test/x.png"},
            &schema, r.ctx, [](const std::string&) { return std::nullopt; }, index);
        QVERIFY(out.ok());
        QCOMPARE(r.saved.size(), size_t(2));
        QCOMPARE(QString::fromStdString(r.saved[0].contentType), QStringLiteral("image/png"));
        QCOMPARE(QString::fromStdString(r.saved[0].filename), QStringLiteral("output.png"));
        // Cog's "None" media type: unknown bytes stay octet-stream, named .bin.
        QCOMPARE(QString::fromStdString(r.saved[1].contentType),
                 QStringLiteral("application/octet-stream"));
        QCOMPARE(QString::fromStdString(r.saved[1].filename), QStringLiteral("output-1.bin"));
        const auto& items = out->as_array();
        QVERIFY(items[0].as_string().starts_with("http://files.replicant.invalid/files/1/"));
        QCOMPARE(QString::fromStdString(std::string(items[2].as_string())),
                 QStringLiteral("https://elsewhere.test/x.png"));
    }

    void uploadedFilesAreClaimedByTheirLocation() {
        Recorder r;
        int index = 0;
        const std::string location = std::string(runners::cog::kUploadOrigin) + "7/out.txt";
        auto out = runners::cog::replicantOutput(
            json::value(location), nullptr, r.ctx,
            [&](const std::string& url) -> std::optional<runners::OutputFile> {
                if (url != location)
                    return std::nullopt;
                return runners::OutputFile{"hello", "text/plain", "out.txt"};
            },
            index);
        QVERIFY(out.ok());
        QCOMPARE(r.saved.size(), size_t(1));
        QCOMPARE(QString::fromStdString(r.saved[0].bytes), QStringLiteral("hello"));
        // An upload that never arrived is an error, not a dangling URL.
        auto missing = runners::cog::replicantOutput(
            json::value(std::string(runners::cog::kUploadOrigin) + "8/x"), nullptr, r.ctx,
            [](const std::string&) { return std::nullopt; }, index);
        QVERIFY(!missing.ok());
    }

    void aLocalPathWhereAFileBelongsIsAnError() {
        Recorder r;
        int index = 0;
        const auto fileSchema = json::value{{"type", "string"}, {"format", "uri"}};
        auto out = runners::cog::replicantOutput(json::value("/tmp/tmpabc/out.png"), &fileSchema,
                                                 r.ctx, {}, index);
        QVERIFY(!out.ok());
        QVERIFY(out.error().detail.find("--upload-url") != std::string::npos);
        // The same text where the schema says string is just text.
        const auto text = json::value{{"type", "string"}};
        QVERIFY(runners::cog::replicantOutput(json::value("/tmp/x"), &text, r.ctx, {}, index).ok());
    }

    void fileInputsBecomeDataUris() {
        Recorder r;
        const auto doc = openapi(
            json::object{
                {"properties",
                 {{"image", {{"type", "string"}, {"format", "uri"}}},
                  {"prompt", {{"type", "string"}}},
                  {"many",
                   {{"type", "array"}, {"items", {{"type", "string"}, {"format", "uri"}}}}}}}},
            json::object{{"type", "string"}});
        auto in = runners::cog::cogInput(
            doc,
            json::object{{"image", "http://example.test/cat.png"},
                         {"prompt", "http://example.test/cat.png"},
                         {"many", json::array{"data:text/plain;base64,aGk=",
                                              "http://example.test/cat.png"}}},
            r.ctx);
        QVERIFY(in.ok());
        QVERIFY(in->at("image").as_string().starts_with("data:image/png;base64,iVBORw0KGgo"));
        QCOMPARE(QString::fromStdString(std::string(in->at("prompt").as_string())),
                 QStringLiteral("http://example.test/cat.png"));
        QCOMPARE(QString::fromStdString(std::string(in->at("many").as_array()[0].as_string())),
                 QStringLiteral("data:text/plain;base64,aGk="));
        QVERIFY(in->at("many").as_array()[1].as_string().starts_with("data:image/png"));
        auto bad =
            runners::cog::cogInput(doc, json::object{{"image", "http://nope.test/x"}}, r.ctx);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().detail.starts_with("input image:"));
    }

    void mediaTypes() {
        QCOMPARE(QString::fromStdString(util::sniffMediaType("\xff\xd8\xff\xe0")),
                 QStringLiteral("image/jpeg"));
        QCOMPARE(QString::fromStdString(util::sniffMediaType("RIFF")),
                 QStringLiteral("application/octet-stream"));
        QCOMPARE(QString::fromStdString(util::sniffMediaType(std::string("RIFF\0\0\0\0WAVE", 12))),
                 QStringLiteral("audio/wav"));
        QCOMPARE(QString::fromStdString(util::sniffMediaType("glTF....")),
                 QStringLiteral("model/gltf-binary"));
        QCOMPARE(QString::fromStdString(util::mediaTypeForFilename("A.JPEG")),
                 QStringLiteral("image/jpeg"));
        QVERIFY(util::mediaTypeForFilename("weights.safetensors").empty());
        QCOMPARE(QString::fromStdString(util::extensionForMediaType("image/jpeg")),
                 QStringLiteral(".jpg"));
        QCOMPARE(QString::fromStdString(util::extensionForMediaType("text/plain; charset=utf-8")),
                 QStringLiteral(".txt"));
    }

    void secretsAreRedacted() {
        const auto doc =
            openapi(json::object{{"properties",
                                  {{"token", {{"type", "string"}, {"format", "password"}}},
                                   {"key", {{"type", "string"}, {"x-cog-secret", true}}},
                                   {"prompt", {{"type", "string"}}}}}},
                    json::object{});
        auto out = core::redactSecrets(
            doc, json::object{{"token", "abc"}, {"key", "def"}, {"prompt", "ghi"}});
        QCOMPARE(QString::fromStdString(std::string(out.at("token").as_string())),
                 QStringLiteral("**********"));
        QCOMPARE(QString::fromStdString(std::string(out.at("key").as_string())),
                 QStringLiteral("**********"));
        QCOMPARE(QString::fromStdString(std::string(out.at("prompt").as_string())),
                 QStringLiteral("ghi"));
    }

    void configFileRunners() {
        QTemporaryDir dir;
        const auto path = dir.filePath("runners.json").toStdString();
        auto write = [&](const std::string& text) {
            std::ofstream(path) << text;
            ServerOptions o;
            o.configFile = path;
            o.cogRunners.push_back({"me/a", "url", "http://127.0.0.1:5000", 1, ""});
            return cogOptions(o);
        };
        auto ok = write(
            "{\"runners\": [{\"model\": \"me/b\", \"command\": \"python -m "
            "cog.server.http\", \"concurrency\": 2, \"hardware\": \"gpu-t4\"}]}");
        QVERIFY(ok.ok());
        QCOMPARE(ok->size(), size_t(2));
        QCOMPARE(QString::fromStdString((*ok)[1].kind), QStringLiteral("command"));
        QCOMPARE((*ok)[1].concurrency, 2);
        QCOMPARE(QString::fromStdString((*ok)[1].hardware), QStringLiteral("gpu-t4"));
        auto two = write(
            "{\"runners\": [{\"model\": \"me/b\", \"url\": \"http://x\", "
            "\"image\": \"y\"}]}");
        QVERIFY(!two.ok());
        QVERIFY(two.error().detail.find("runners[0]") != std::string::npos);
        QVERIFY(!write("not json").ok());
        QVERIFY(!write("{\"runners\": [{\"url\": \"http://x\"}]}").ok());
        ServerOptions missing;
        missing.configFile = dir.filePath("nope.json").toStdString();
        QVERIFY(!cogOptions(missing).ok());
    }
};

QTEST_MAIN(CogUnitsTest)
#include "test_cog_units.moc"
