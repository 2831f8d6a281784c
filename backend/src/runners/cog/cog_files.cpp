#include "runners/cog/cog_files.h"

#include "runners/openapi.h"
#include "util/base64.h"
#include "util/media_type.h"
#include "util/multipart.h"

namespace replicant::backend::runners::cog {

namespace json = boost::json;

namespace {
const json::object* object(const json::value* v) {
    return v ? v->if_object() : nullptr;
}

Result<json::value> toDataUris(const json::value& v, PredictContext& ctx) {
    if (v.is_array()) {
        json::array out;
        for (const auto& item : v.as_array()) {
            auto converted = toDataUris(item, ctx);
            if (!converted)
                return converted.error();
            out.push_back(std::move(*converted));
        }
        return json::value(std::move(out));
    }
    if (!v.is_string())
        return v;
    const std::string uri(v.as_string());
    if (uri.starts_with("data:"))
        return v;
    auto bytes = ctx.fetchInput(uri);
    if (!bytes)
        return bytes.error();
    std::string type = util::mediaTypeForFilename(uri.substr(0, uri.find('?')));
    if (type.empty())
        type = util::sniffMediaType(*bytes);
    return json::value("data:" + type + ";base64," + util::base64Encode(*bytes));
}

std::string fileName(const std::string& mediaType, int index) {
    return "output" + (index > 0 ? "-" + std::to_string(index) : std::string()) +
           util::extensionForMediaType(mediaType);
}
}  // namespace

Result<json::object> cogInput(const json::object& openapi, const json::object& input,
                              PredictContext& ctx) {
    const auto* props = inputProperties(openapi);
    json::object out = input;
    if (!props)
        return out;
    for (auto& [key, value] : out) {
        const auto* prop = props->if_contains(key);
        if (!prop || !isFileSchema(*prop) || value.is_null())
            continue;
        auto converted = toDataUris(value, ctx);
        if (!converted)
            return makeError(ErrorCode::Unprocessable,
                             "input " + std::string(key) + ": " + converted.error().detail);
        value = std::move(*converted);
    }
    return out;
}

Result<json::value> replicantOutput(const json::value& output, const json::value* schema,
                                    PredictContext& ctx, const UploadLookup& uploads, int& index) {
    const json::object* s = object(schema);
    if (output.is_array()) {
        const json::value* items = s ? s->if_contains("items") : nullptr;
        json::array out;
        for (const auto& item : output.as_array()) {
            auto converted = replicantOutput(item, items, ctx, uploads, index);
            if (!converted)
                return converted;
            out.push_back(std::move(*converted));
        }
        return json::value(std::move(out));
    }
    if (output.is_object()) {
        const json::object* props = s ? object(s->if_contains("properties")) : nullptr;
        json::object out;
        for (const auto& [key, item] : output.as_object()) {
            auto converted = replicantOutput(item, props ? props->if_contains(key) : nullptr, ctx,
                                             uploads, index);
            if (!converted)
                return converted;
            out[key] = std::move(*converted);
        }
        return json::value(std::move(out));
    }
    if (!output.is_string())
        return output;
    const std::string text(output.as_string());
    if (text.starts_with("data:")) {
        auto data = util::parseDataUri(text);
        if (!data)
            return makeError(ErrorCode::Internal, "the Cog server returned a malformed data: URI");
        std::string type = data->mediaType;
        if (type.empty() || type == "None")  // Cog's Python server writes None for unknown types
            type = util::sniffMediaType(data->bytes);
        const std::string name = fileName(type, index++);
        auto url = ctx.saveFile({std::move(data->bytes), type, name});
        if (!url)
            return url.error();
        return json::value(*url);
    }
    if (text.starts_with(kUploadOrigin)) {
        auto file = uploads(text);
        if (!file)
            return makeError(ErrorCode::Internal,
                             "the Cog server named an uploaded file that never arrived: " + text);
        ++index;
        auto url = ctx.saveFile(std::move(*file));
        if (!url)
            return url.error();
        return json::value(*url);
    }
    const bool file = schema && isFileSchema(*schema);
    if (file && !text.starts_with("http://") && !text.starts_with("https://"))
        return makeError(ErrorCode::Internal,
                         "the Cog server returned a local file path (\"" + text.substr(0, 200) +
                             "\") instead of the file: it was started without --upload-url, so "
                             "it cannot hand files back; register it as a command Replicant "
                             "starts, or start it with --upload-url pointing at Replicant");
    return output;
}

}  // namespace replicant::backend::runners::cog
