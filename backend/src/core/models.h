#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "replicant/backend/result.h"
#include "store/database.h"

namespace replicant::backend::core {

struct Model {
    std::int64_t id = 0;
    std::int64_t accountId = 0;
    std::string owner;
    std::string name;
    std::optional<std::string> description;
    std::string visibility = "public";
    std::string hardware = "cpu";
    std::optional<std::string> githubUrl, paperUrl, licenseUrl, weightsUrl, coverImageUrl;
    std::string readme;
    bool isOfficial = false;
    std::optional<std::string> defaultExample;  // prediction id
    std::int64_t runCount = 0;
    std::string createdAt;
};

struct Version {
    std::string id;  // 64 hex
    std::int64_t modelId = 0;
    std::shared_ptr<const boost::json::object> openapiSchema;
    std::optional<std::string> cogVersion;
    std::optional<std::string> pythonVersion;
    std::optional<std::string> runner;
    std::string createdAt;
};

// A version with the model it belongs to: what creating a prediction needs.
struct VersionRef {
    Model model;
    Version version;
};

struct ModelFields {  // the writable fields of a model; unset members are left as they are
    std::optional<std::string> description, githubUrl, paperUrl, licenseUrl, weightsUrl,
        coverImageUrl, readme, visibility, hardware;
};

struct NewVersion {
    std::string id;  // empty: derived from the schema
    boost::json::object openapiSchema;
    std::optional<std::string> cogVersion, pythonVersion, runner;
};

enum class ModelSort { LatestVersionCreatedAt, ModelCreatedAt };

// Models and their versions. Reads used on the prediction path are cached in memory; any
// write drops the cache.
class ModelService {
public:
    explicit ModelService(store::Database& db) : db_(db) {}

    Result<Model> create(std::int64_t accountId, const std::string& owner, const std::string& name,
                         const ModelFields& fields, bool isOfficial = false);
    // The model if `viewer` may see it (public, or owned by the viewer).
    Result<Model> get(const std::string& owner, const std::string& name, std::int64_t viewer);
    Result<std::vector<Model>> list(std::int64_t viewer, ModelSort sort, bool ascending,
                                    std::int64_t offset, std::int64_t limit);
    Result<Model> update(const Model& model, const ModelFields& fields);
    Result<void> remove(const Model& model);
    Result<void> setDefaultExample(std::int64_t modelId, const std::string& predictionId);
    // `url` may be a path on this server ("/files/..."), made absolute per request.
    Result<void> setCoverImage(std::int64_t modelId, const std::string& url);

    Result<Version> createVersion(const Model& model, const NewVersion& v);
    Result<std::vector<Version>> listVersions(std::int64_t modelId, std::int64_t offset,
                                              std::int64_t limit);
    std::optional<Version> latestVersion(std::int64_t modelId);
    Result<void> deleteVersion(const Version& version);

    // Resolves a version id (with the model visible to `viewer`); cached.
    std::optional<VersionRef> findVersion(const std::string& versionId, std::int64_t viewer);
    // Resolves owner/name to its latest version; cached.
    std::optional<VersionRef> findLatest(const std::string& owner, const std::string& name,
                                         std::int64_t viewer);

    static bool validName(const std::string& name);

private:
    std::optional<Model> loadModel(const char* where, const std::string& a,
                                   const std::string& b = {});
    void invalidate();

    store::Database& db_;
    std::mutex cacheMutex_;
    std::unordered_map<std::string, VersionRef> byVersion_;
    std::unordered_map<std::string, std::optional<std::string>> latestByModel_;
};

}  // namespace replicant::backend::core
