#include "server_config.h"

#include <boost/json/parse.hpp>

#include <fstream>
#include <sstream>

namespace replicant::backend {

namespace json = boost::json;

Result<std::vector<CogRunnerOption>> cogOptions(const ServerOptions& options) {
    std::vector<CogRunnerOption> out = options.cogRunners;
    if (options.configFile.empty())
        return out;
    const std::string file = options.configFile.string();
    std::ifstream in(options.configFile, std::ios::binary);
    if (!in)
        return makeError(ErrorCode::BadRequest, "cannot read the config file " + file);
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    auto doc = json::parse(text.str(), ec);
    if (ec || !doc.is_object())
        return makeError(ErrorCode::BadRequest,
                         file + " is not a JSON object" + (ec ? ": " + ec.message() : ""));
    const auto* runners = doc.as_object().if_contains("runners");
    if (!runners)
        return out;
    if (!runners->is_array())
        return makeError(ErrorCode::BadRequest, file + ": \"runners\" must be an array");
    int index = 0;
    for (const auto& item : runners->as_array()) {
        const std::string where = file + ": runners[" + std::to_string(index++) + "]";
        if (!item.is_object())
            return makeError(ErrorCode::BadRequest, where + " must be an object");
        const auto& o = item.as_object();
        auto field = [&](const char* key) -> std::string {
            const auto* v = o.if_contains(key);
            return v && v->is_string() ? std::string(v->as_string()) : std::string();
        };
        CogRunnerOption r;
        r.model = field("model");
        r.hardware = field("hardware");
        for (const char* kind : {"url", "command", "image"}) {
            if (o.contains(kind)) {
                if (!r.kind.empty())
                    return makeError(ErrorCode::BadRequest,
                                     where + " has more than one of url, command and image");
                r.kind = kind;
                r.target = field(kind);
            }
        }
        if (r.model.empty() || r.kind.empty() || r.target.empty())
            return makeError(ErrorCode::BadRequest,
                             where + " needs \"model\" and one of \"url\", \"command\", \"image\"");
        if (const auto* c = o.if_contains("concurrency")) {
            if (!c->is_int64())
                return makeError(ErrorCode::BadRequest, where + ": concurrency must be an integer");
            r.concurrency = static_cast<int>(c->as_int64());
        }
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace replicant::backend
