#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "replicant/backend/result.h"
#include "store/database.h"

namespace replicant::backend::core {

struct StoredFile {
    std::string id;
    std::int64_t accountId = 0;
    std::string kind;  // upload or output
    std::optional<std::string> predictionId;
    std::string name;
    std::string contentType;
    std::int64_t size = 0;
    std::string sha256, md5;
    boost::json::object metadata;
    std::string createdAt;
    std::optional<std::string> expiresAt;
};

// Files: uploads through the Files API, and the files models produce. Bytes live on disk under
// the data dir, metadata in the store. Output files are served without a token at
// /files/<id>/<name>: the random id is the capability, as the real platform's delivery URLs.
class FileService {
public:
    static constexpr std::size_t kMaxBytes = 100 * 1000 * 1000;  // "less than 100MB"

    FileService(store::Database& db, std::filesystem::path dir, std::string signingKey);

    Result<StoredFile> create(std::int64_t accountId, std::string_view bytes, std::string name,
                              std::string contentType, boost::json::object metadata,
                              const std::string& kind = "upload",
                              std::optional<std::string> predictionId = std::nullopt);
    std::optional<StoredFile> get(const std::string& id,
                                  std::optional<std::int64_t> accountId = std::nullopt);
    Result<std::vector<StoredFile>> list(std::int64_t accountId, std::int64_t offset,
                                         std::int64_t limit);
    Result<void> remove(const StoredFile& file);
    // Removes the output files of a prediction.
    void removeForPrediction(const std::string& predictionId);
    Result<std::string> read(const StoredFile& file);

    // The API's File object.
    boost::json::object toJson(const StoredFile& f, const std::string& baseUrl) const;
    // Where an output file is served: <publicUrl>/files/<id>/<name>.
    std::string outputUrl(const StoredFile& f, const std::string& publicUrl) const;
    // The signature of /v1/files/{id}/download: HMAC-SHA256 of "owner id expiry".
    std::string downloadSignature(const std::string& owner, const std::string& id,
                                  std::int64_t expiry) const;

    // The bytes a `format: uri` input names: a data: URI, one of our file URLs, or (when
    // `allowNetwork`) an http(s) URL fetched with limits.
    Result<std::string> fetchInput(const std::string& uri, std::int64_t accountId,
                                   bool allowNetwork = true);

private:
    std::filesystem::path pathOf(const std::string& id) const { return dir_ / id; }

    store::Database& db_;
    std::filesystem::path dir_;
    std::string signingKey_;
};

}  // namespace replicant::backend::core
