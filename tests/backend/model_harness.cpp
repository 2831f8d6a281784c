#include "model_harness.h"

#include <mutex>

#include "core/input_validation.h"
#include "util/base64.h"

namespace harness {

using namespace replicant::backend;

namespace {
std::mutex filesMutex;
std::map<std::string, OutputFile> files;

Result<std::string> fetch(const std::string& uri) {
    if (uri.rfind("data:", 0) == 0) {
        const auto comma = uri.find(',');
        if (comma == std::string::npos)
            return makeError(ErrorCode::Unprocessable, "malformed data: URI");
        const std::string_view meta(uri.data() + 5, comma - 5);
        const std::string_view payload(uri.data() + comma + 1, uri.size() - comma - 1);
        if (meta.size() >= 7 && meta.substr(meta.size() - 7) == ";base64") {
            auto bytes = util::base64Decode(payload);
            if (!bytes)
                return makeError(ErrorCode::Unprocessable, "data: URI is not valid base64");
            return *bytes;
        }
        return std::string(payload);
    }
    std::lock_guard lock(filesMutex);
    if (auto it = files.find(uri); it != files.end())
        return it->second.bytes;
    return makeError(ErrorCode::Unprocessable, "could not fetch " + uri + ": host unreachable");
}
}  // namespace

std::string Run::error() const {
    if (!invalid.empty()) {
        std::string all;
        for (const auto& e : invalid)
            all += e + "; ";
        return all;
    }
    if (!result)
        return "did not run";
    return result->ok() ? std::string() : result->error().detail;
}

const runners::builtin::BuiltinModel* model(const std::string& name) {
    static const std::vector<runners::builtin::BuiltinModel> models = runners::builtin::catalog();
    for (const auto& m : models)
        if (m.name == name)
            return &m;
    return nullptr;
}

Run run(const std::string& name, json::object input, std::atomic<bool>* cancel) {
    Run out;
    const auto* m = model(name);
    if (!m) {
        out.invalid.push_back("no model " + name);
        return out;
    }
    auto checked = core::validateInput(m->runner->openapiSchema(), input);
    for (const auto& e : checked.errors)
        out.invalid.push_back(e.field + ": " + e.description);
    if (!out.invalid.empty())
        return out;

    static std::atomic<int> counter{0};
    runners::PredictContext ctx;
    ctx.predictionId = "test" + std::to_string(++counter);
    ctx.input = std::move(checked.input);
    ctx.canceled = cancel;
    ctx.emitOutput = [&out](json::value v) {
        out.emitted.push_back(std::move(v));
        out.emittedAt.push_back(Clock::now());
    };
    ctx.log = [&out](const std::string& text) { out.logs += text; };
    ctx.saveFile = [id = ctx.predictionId](OutputFile f) -> Result<std::string> {
        std::lock_guard lock(filesMutex);
        const std::string url =
            "memory://" + id + "/" + std::to_string(files.size()) + "/" + f.filename;
        files.emplace(url, std::move(f));
        return url;
    };
    ctx.fetchInput = fetch;
    out.started = Clock::now();
    out.result.emplace(m->runner->predict(ctx));
    out.finished = Clock::now();
    return out;
}

const OutputFile* file(const std::string& url) {
    std::lock_guard lock(filesMutex);
    auto it = files.find(url);
    return it == files.end() ? nullptr : &it->second;
}

std::string dataUri(const std::string& bytes, const std::string& type) {
    return "data:" + type + ";base64," + util::base64Encode(bytes);
}

}  // namespace harness
