#include "core/models.h"

#include <boost/json.hpp>

#include <algorithm>

#include "util/clock.h"
#include "util/crypto.h"
#include "util/json_text.h"

namespace replicant::backend::core {

namespace json = boost::json;

namespace {
constexpr const char* kModelColumns =
    "SELECT m.id, m.account_id, m.owner, m.name, m.description, m.visibility, m.hardware, "
    "m.github_url, m.paper_url, m.license_url, m.weights_url, m.cover_image_url, m.readme, "
    "m.is_official, m.default_example, m.run_count, m.created_at FROM models m ";

Model readModel(const store::Statement& st) {
    Model m;
    m.id = st.integer(0);
    m.accountId = st.integer(1);
    m.owner = st.text(2);
    m.name = st.text(3);
    m.description = st.optionalText(4);
    m.visibility = st.text(5);
    m.hardware = st.text(6);
    m.githubUrl = st.optionalText(7);
    m.paperUrl = st.optionalText(8);
    m.licenseUrl = st.optionalText(9);
    m.weightsUrl = st.optionalText(10);
    m.coverImageUrl = st.optionalText(11);
    m.readme = st.text(12);
    m.isOfficial = st.integer(13) != 0;
    m.defaultExample = st.optionalText(14);
    m.runCount = st.integer(15);
    m.createdAt = st.text(16);
    return m;
}

constexpr const char* kVersionColumns =
    "SELECT id, model_id, openapi_schema, cog_version, python_version, runner, created_at "
    "FROM versions ";

Version readVersion(const store::Statement& st) {
    Version v;
    v.id = st.text(0);
    v.modelId = st.integer(1);
    std::error_code ec;
    auto parsed = json::parse(st.text(2), ec);
    v.openapiSchema = std::make_shared<const json::object>(
        !ec && parsed.is_object() ? parsed.as_object() : json::object{});
    v.cogVersion = st.optionalText(3);
    v.pythonVersion = st.optionalText(4);
    v.runner = st.optionalText(5);
    v.createdAt = st.text(6);
    return v;
}

void bindOptional(store::Statement& st, int index, const std::optional<std::string>& value) {
    if (value)
        st.bind(index, *value);
    else
        st.bindNull(index);
}

bool visibleTo(const Model& m, std::int64_t viewer) {
    return m.visibility == "public" || m.accountId == viewer;
}

Error notFound() {
    return makeError(ErrorCode::NotFound, "The requested resource could not be found.");
}
}  // namespace

bool ModelService::validName(const std::string& name) {
    if (name.empty() || name.size() > 100)
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                                  c == '_' || c == '.';
                       }) &&
           name.front() != '-' && name.front() != '.';
}

void ModelService::invalidate() {
    std::lock_guard lock(cacheMutex_);
    byVersion_.clear();
    latestByModel_.clear();
}

std::optional<Model> ModelService::loadModel(const char* where, const std::string& a,
                                             const std::string& b) {
    auto lock = db_.lock();
    auto st = db_.prepare(std::string(kModelColumns) + where);
    if (!st)
        return std::nullopt;
    st->bind(1, a);
    if (!b.empty())
        st->bind(2, b);
    if (!st->step())
        return std::nullopt;
    return readModel(*st);
}

Result<Model> ModelService::create(std::int64_t accountId, const std::string& owner,
                                   const std::string& name, const ModelFields& f, bool isOfficial) {
    {
        auto lock = db_.lock();
        auto st = db_.prepare(
            "INSERT INTO models (account_id, owner, name, description, visibility, hardware, "
            "github_url, paper_url, license_url, weights_url, cover_image_url, readme, "
            "is_official, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (owner, name) DO NOTHING");
        if (!st)
            return st.error();
        st->bind(1, accountId).bind(2, owner).bind(3, name);
        bindOptional(*st, 4, f.description);
        st->bind(5, f.visibility.value_or("public")).bind(6, f.hardware.value_or("cpu"));
        bindOptional(*st, 7, f.githubUrl);
        bindOptional(*st, 8, f.paperUrl);
        bindOptional(*st, 9, f.licenseUrl);
        bindOptional(*st, 10, f.weightsUrl);
        bindOptional(*st, 11, f.coverImageUrl);
        st->bind(12, f.readme.value_or(""))
            .bind(13, std::int64_t{isOfficial})
            .bind(14, util::nowRfc3339());
        if (auto r = st->run(); !r)
            return r.error();
        if (db_.changes() == 0)
            return makeError(ErrorCode::Conflict,
                             "A model with that name and owner already exists.", "Conflict");
    }
    auto model = loadModel("WHERE m.owner = ? AND m.name = ?", owner, name);
    if (!model)
        return makeError(ErrorCode::Internal, "model vanished after insert");
    invalidate();
    return *model;
}

Result<Model> ModelService::get(const std::string& owner, const std::string& name,
                                std::int64_t viewer) {
    auto model = loadModel("WHERE m.owner = ? AND m.name = ?", owner, name);
    if (!model || !visibleTo(*model, viewer))
        return notFound();
    return *model;
}

Result<std::vector<Model>> ModelService::list(std::int64_t viewer, ModelSort sort, bool ascending,
                                              std::int64_t offset, std::int64_t limit) {
    const std::string key = sort == ModelSort::ModelCreatedAt
                                ? "m.created_at"
                                : "COALESCE((SELECT max(created_at) FROM versions v WHERE "
                                  "v.model_id = m.id), m.created_at)";
    const std::string dir = ascending ? " ASC" : " DESC";
    auto lock = db_.lock();
    auto st = db_.prepare(std::string(kModelColumns) +
                          "WHERE m.visibility = 'public' OR m.account_id = ? ORDER BY " + key +
                          dir + ", m.id" + dir + " LIMIT ? OFFSET ?");
    if (!st)
        return st.error();
    st->bind(1, viewer).bind(2, limit).bind(3, offset);
    std::vector<Model> out;
    while (st->step())
        out.push_back(readModel(*st));
    if (st->error())
        return *st->error();
    return out;
}

Result<Model> ModelService::update(const Model& model, const ModelFields& f) {
    {
        auto lock = db_.lock();
        auto st = db_.prepare(
            "UPDATE models SET description = coalesce(?, description), "
            "github_url = coalesce(?, github_url), paper_url = coalesce(?, paper_url), "
            "license_url = coalesce(?, license_url), weights_url = coalesce(?, weights_url), "
            "cover_image_url = coalesce(?, cover_image_url), readme = coalesce(?, readme), "
            "visibility = coalesce(?, visibility), hardware = coalesce(?, hardware) WHERE id = ?");
        if (!st)
            return st.error();
        const std::optional<std::string>* values[] = {
            &f.description,   &f.githubUrl, &f.paperUrl,   &f.licenseUrl, &f.weightsUrl,
            &f.coverImageUrl, &f.readme,    &f.visibility, &f.hardware};
        int i = 1;
        for (const auto* v : values)
            bindOptional(*st, i++, *v);
        st->bind(i, model.id);
        if (auto r = st->run(); !r)
            return r.error();
    }
    invalidate();
    return *loadModel("WHERE m.id = ?", std::to_string(model.id));
}

Result<void> ModelService::remove(const Model& model) {
    {
        auto lock = db_.lock();
        auto st = db_.prepare("DELETE FROM models WHERE id = ?");
        if (!st)
            return st.error();
        st->bind(1, model.id);
        if (auto r = st->run(); !r)
            return r;
    }
    invalidate();
    return {};
}

Result<void> ModelService::setDefaultExample(std::int64_t modelId,
                                             const std::string& predictionId) {
    auto lock = db_.lock();
    auto st = db_.prepare("UPDATE models SET default_example = ? WHERE id = ?");
    if (!st)
        return st.error();
    st->bind(1, predictionId).bind(2, modelId);
    return st->run();
}

Result<void> ModelService::setCoverImage(std::int64_t modelId, const std::string& url) {
    {
        auto lock = db_.lock();
        auto st = db_.prepare("UPDATE models SET cover_image_url = ? WHERE id = ?");
        if (!st)
            return st.error();
        st->bind(1, url).bind(2, modelId);
        if (auto r = st->run(); !r)
            return r;
    }
    invalidate();
    return {};
}

Result<Version> ModelService::createVersion(const Model& model, const NewVersion& v) {
    const std::string schema = util::toJson(v.openapiSchema);
    // Derived from the model too: two models with the same schema must not share a version.
    const std::string id =
        v.id.empty() ? util::sha256Hex(model.owner + "/" + model.name + "\n" + schema) : v.id;
    {
        auto lock = db_.lock();
        auto st = db_.prepare(
            "INSERT INTO versions (id, model_id, openapi_schema, cog_version, python_version, "
            "runner, created_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
            "openapi_schema = excluded.openapi_schema, runner = excluded.runner");
        if (!st)
            return st.error();
        st->bind(1, id).bind(2, model.id).bind(3, schema);
        bindOptional(*st, 4, v.cogVersion);
        bindOptional(*st, 5, v.pythonVersion);
        bindOptional(*st, 6, v.runner);
        st->bind(7, util::nowRfc3339());
        if (auto r = st->run(); !r)
            return r.error();
    }
    invalidate();
    auto lock = db_.lock();
    auto st = db_.prepare(std::string(kVersionColumns) + "WHERE id = ?");
    if (!st)
        return st.error();
    st->bind(1, id);
    if (!st->step())
        return makeError(ErrorCode::Internal, "version vanished after insert");
    return readVersion(*st);
}

Result<std::vector<Version>> ModelService::listVersions(std::int64_t modelId, std::int64_t offset,
                                                        std::int64_t limit) {
    auto lock = db_.lock();
    auto st = db_.prepare(std::string(kVersionColumns) +
                          "WHERE model_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ? "
                          "OFFSET ?");
    if (!st)
        return st.error();
    st->bind(1, modelId).bind(2, limit).bind(3, offset);
    std::vector<Version> out;
    while (st->step())
        out.push_back(readVersion(*st));
    return out;
}

std::optional<Version> ModelService::latestVersion(std::int64_t modelId) {
    auto versions = listVersions(modelId, 0, 1);
    if (!versions || versions->empty())
        return std::nullopt;
    return versions->front();
}

Result<void> ModelService::deleteVersion(const Version& version) {
    {
        auto lock = db_.lock();
        auto st = db_.prepare("DELETE FROM versions WHERE id = ?");
        if (!st)
            return st.error();
        st->bind(1, version.id);
        if (auto r = st->run(); !r)
            return r;
    }
    invalidate();
    return {};
}

std::optional<VersionRef> ModelService::findVersion(const std::string& versionId,
                                                    std::int64_t viewer) {
    {
        std::lock_guard lock(cacheMutex_);
        if (auto it = byVersion_.find(versionId); it != byVersion_.end())
            return visibleTo(it->second.model, viewer) ? std::optional(it->second) : std::nullopt;
    }
    std::optional<Version> version;
    {
        auto lock = db_.lock();
        auto st = db_.prepare(std::string(kVersionColumns) + "WHERE id = ?");
        if (!st)
            return std::nullopt;
        st->bind(1, versionId);
        if (!st->step())
            return std::nullopt;
        version = readVersion(*st);
    }
    auto model = loadModel("WHERE m.id = ?", std::to_string(version->modelId));
    if (!model)
        return std::nullopt;
    VersionRef ref{*model, *version};
    {
        std::lock_guard lock(cacheMutex_);
        byVersion_.emplace(versionId, ref);
    }
    return visibleTo(ref.model, viewer) ? std::optional(ref) : std::nullopt;
}

std::optional<VersionRef> ModelService::findLatest(const std::string& owner,
                                                   const std::string& name, std::int64_t viewer) {
    const std::string key = owner + "/" + name;
    std::optional<std::string> latestId;
    bool cached = false;
    {
        std::lock_guard lock(cacheMutex_);
        if (auto it = latestByModel_.find(key); it != latestByModel_.end()) {
            latestId = it->second;
            cached = true;
        }
    }
    if (!cached) {
        auto model = loadModel("WHERE m.owner = ? AND m.name = ?", owner, name);
        if (model)
            if (auto v = latestVersion(model->id))
                latestId = v->id;
        std::lock_guard lock(cacheMutex_);
        latestByModel_.emplace(key, latestId);
    }
    if (!latestId)
        return std::nullopt;
    return findVersion(*latestId, viewer);
}

}  // namespace replicant::backend::core
