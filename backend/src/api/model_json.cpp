#include "api/model_json.h"

#include <boost/json.hpp>

namespace replicant::backend::api {

namespace json = boost::json;

namespace {
json::value orNull(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}
}  // namespace

json::object versionJson(const core::Version& v) {
    return json::object{
        {"id", v.id},
        {"created_at", v.createdAt},
        {"cog_version", orNull(v.cogVersion)},
        {"openapi_schema", v.openapiSchema ? json::value(*v.openapiSchema) : json::value(nullptr)}};
}

json::object modelJson(const core::Model& m, const std::optional<core::Version>& latest,
                       const std::optional<json::object>& example, const std::string& baseUrl) {
    return json::object{
        {"url", baseUrl + "/" + m.owner + "/" + m.name},
        {"owner", m.owner},
        {"name", m.name},
        {"description", orNull(m.description)},
        {"visibility", m.visibility},
        {"github_url", orNull(m.githubUrl)},
        {"paper_url", orNull(m.paperUrl)},
        {"license_url", orNull(m.licenseUrl)},
        {"weights_url", orNull(m.weightsUrl)},
        {"run_count", m.runCount},
        {"cover_image_url", m.coverImageUrl && m.coverImageUrl->starts_with("/")
                                ? json::value(baseUrl + *m.coverImageUrl)
                                : orNull(m.coverImageUrl)},
        {"default_example", example ? json::value(*example) : json::value(nullptr)},
        {"latest_version", latest ? json::value(versionJson(*latest)) : json::value(nullptr)},
        {"is_official", m.isOfficial},
        {"hardware", m.hardware},
        {"created_at", m.createdAt},
    };
}

}  // namespace replicant::backend::api
