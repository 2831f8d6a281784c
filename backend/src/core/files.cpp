#include "core/files.h"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include <fstream>
#include <sstream>

#include "util/base64.h"
#include "util/clock.h"
#include "util/crypto.h"
#include "util/http_fetch.h"
#include "util/json_text.h"
#include "util/multipart.h"

namespace replicant::backend::core {

namespace json = boost::json;

namespace {
constexpr const char* kColumns =
    "SELECT id, account_id, kind, prediction_id, name, content_type, size, sha256, md5, "
    "metadata, created_at, expires_at FROM files ";

StoredFile readFile(const store::Statement& st) {
    StoredFile f;
    f.id = st.text(0);
    f.accountId = st.integer(1);
    f.kind = st.text(2);
    f.predictionId = st.optionalText(3);
    f.name = st.text(4);
    f.contentType = st.text(5);
    f.size = st.integer(6);
    f.sha256 = st.text(7);
    f.md5 = st.text(8);
    std::error_code ec;
    auto meta = json::parse(st.text(9), ec);
    if (!ec && meta.is_object())
        f.metadata = meta.as_object();
    f.createdAt = st.text(10);
    f.expiresAt = st.optionalText(11);
    return f;
}

// A file name safe to put in a URL path and a Content-Disposition.
std::string safeName(std::string name) {
    for (char& c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'))
            c = '_';
    if (name.empty() || name.size() > 255)
        name = name.empty() ? "file" : name.substr(name.size() - 255);
    return name;
}
}  // namespace

FileService::FileService(store::Database& db, std::filesystem::path dir, std::string signingKey)
    : db_(db), dir_(std::move(dir)), signingKey_(std::move(signingKey)) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
}

Result<StoredFile> FileService::create(std::int64_t accountId, std::string_view bytes,
                                       std::string name, std::string contentType,
                                       json::object metadata, const std::string& kind,
                                       std::optional<std::string> predictionId) {
    if (bytes.size() >= kMaxBytes)
        return makeError(ErrorCode::PayloadTooLarge, "Files must be less than 100MB in size");
    StoredFile f;
    f.id = util::randomId(26);
    f.accountId = accountId;
    f.kind = kind;
    f.predictionId = std::move(predictionId);
    f.name = name.empty() ? "file" : name.substr(0, 255);
    f.contentType = contentType.empty() ? "application/octet-stream" : contentType;
    f.size = static_cast<std::int64_t>(bytes.size());
    f.sha256 = util::sha256Hex(bytes);
    f.md5 = util::md5Hex(bytes);
    f.metadata = std::move(metadata);
    const auto now = std::chrono::system_clock::now();
    f.createdAt = util::rfc3339(now);
    if (kind == "upload")
        f.expiresAt = util::rfc3339(now + std::chrono::hours(24));
    {
        // Written to a temporary name first, so a crash never leaves a half file under an id.
        const auto tmp = pathOf(f.id + ".part");
        std::ofstream out(tmp, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        std::error_code ec;
        if (!out || (std::filesystem::rename(tmp, pathOf(f.id), ec), ec))
            return makeError(ErrorCode::Internal, "cannot store the file: disk full or read-only?");
    }
    auto lock = db_.lock();
    auto st = db_.prepare(
        "INSERT INTO files (id, account_id, kind, prediction_id, name, content_type, size, "
        "sha256, md5, metadata, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st)
        return st.error();
    st->bind(1, f.id).bind(2, f.accountId).bind(3, f.kind);
    if (f.predictionId)
        st->bind(4, *f.predictionId);
    else
        st->bindNull(4);
    st->bind(5, f.name).bind(6, f.contentType).bind(7, f.size).bind(8, f.sha256).bind(9, f.md5);
    st->bind(10, util::toJson(f.metadata)).bind(11, f.createdAt);
    if (f.expiresAt)
        st->bind(12, *f.expiresAt);
    else
        st->bindNull(12);
    if (auto r = st->run(); !r)
        return r.error();
    return f;
}

std::optional<StoredFile> FileService::get(const std::string& id,
                                           std::optional<std::int64_t> accountId) {
    auto lock = db_.lock();
    auto st = db_.prepare(std::string(kColumns) + "WHERE id = ?");
    if (!st)
        return std::nullopt;
    st->bind(1, id);
    if (!st->step())
        return std::nullopt;
    auto f = readFile(*st);
    if (accountId && f.accountId != *accountId)
        return std::nullopt;
    return f;
}

Result<std::vector<StoredFile>> FileService::list(std::int64_t accountId, std::int64_t offset,
                                                  std::int64_t limit) {
    auto lock = db_.lock();
    auto st = db_.prepare(std::string(kColumns) +
                          "WHERE account_id = ? AND kind = 'upload' ORDER BY created_at DESC, "
                          "id DESC LIMIT ? OFFSET ?");
    if (!st)
        return st.error();
    st->bind(1, accountId).bind(2, limit).bind(3, offset);
    std::vector<StoredFile> out;
    while (st->step())
        out.push_back(readFile(*st));
    return out;
}

Result<void> FileService::remove(const StoredFile& f) {
    {
        auto lock = db_.lock();
        auto st = db_.prepare("DELETE FROM files WHERE id = ?");
        if (!st)
            return st.error();
        st->bind(1, f.id);
        if (auto r = st->run(); !r)
            return r;
    }
    std::error_code ec;
    std::filesystem::remove(pathOf(f.id), ec);
    return {};
}

void FileService::removeForPrediction(const std::string& predictionId) {
    std::vector<std::string> ids;
    {
        auto lock = db_.lock();
        auto st = db_.prepare("SELECT id FROM files WHERE prediction_id = ?");
        if (!st)
            return;
        st->bind(1, predictionId);
        while (st->step())
            ids.push_back(st->text(0));
        if (auto del = db_.prepare("DELETE FROM files WHERE prediction_id = ?")) {
            del->bind(1, predictionId);
            (void)del->run();
        }
    }
    for (const auto& id : ids) {
        std::error_code ec;
        std::filesystem::remove(pathOf(id), ec);
    }
}

Result<std::string> FileService::read(const StoredFile& f) {
    std::ifstream in(pathOf(f.id), std::ios::binary);
    if (!in)
        return makeError(ErrorCode::NotFound, "File not found");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

json::object FileService::toJson(const StoredFile& f, const std::string& baseUrl) const {
    return json::object{
        {"id", f.id},
        {"name", f.name},
        {"content_type", f.contentType},
        {"size", f.size},
        {"etag", f.md5},
        {"checksums", json::object{{"sha256", f.sha256}, {"md5", f.md5}}},
        {"metadata", f.metadata},
        {"created_at", f.createdAt},
        {"expires_at", f.expiresAt ? json::value(*f.expiresAt) : json::value(nullptr)},
        {"urls", json::object{{"get", baseUrl + "/v1/files/" + f.id}}},
    };
}

std::string FileService::outputUrl(const StoredFile& f, const std::string& publicUrl) const {
    return publicUrl + "/files/" + f.id + "/" + safeName(f.name);
}

std::string FileService::downloadSignature(const std::string& owner, const std::string& id,
                                           std::int64_t expiry) const {
    return util::base64Encode(
        util::hmacSha256(signingKey_, owner + " " + id + " " + std::to_string(expiry)));
}

Result<std::string> FileService::fetchInput(const std::string& uri, std::int64_t accountId,
                                            bool allowNetwork) {
    if (uri.starts_with("data:") || uri.starts_with("DATA:")) {
        auto data = util::parseDataUri(uri);
        if (!data)
            return makeError(ErrorCode::Unprocessable, "malformed data: URI");
        return std::move(data->bytes);
    }
    auto url = boost::urls::parse_absolute_uri(uri);
    if (!url || (url->scheme() != "http" && url->scheme() != "https"))
        return makeError(
            ErrorCode::Unprocessable,
            "file inputs must be data: URIs or http(s) URLs, not \"" + uri.substr(0, 100) + "\"");
    // Our own files are read from disk: an upload of the same account by its API URL, or any
    // output file by its delivery URL.
    const std::string path(url->path());
    std::optional<StoredFile> own;
    if (path.starts_with("/v1/files/"))
        own = get(path.substr(10, path.find('/', 10) - 10), accountId);
    else if (path.starts_with("/files/"))
        if (auto f = get(path.substr(7, path.find('/', 7) - 7)); f && f->kind == "output")
            own = f;
    if (own)
        return read(*own);
    if (!allowNetwork)
        return makeError(ErrorCode::Unprocessable, "not fetched yet: " + uri);
    auto fetched = util::fetchUrl(uri, kMaxBytes, std::chrono::seconds(30));
    if (!fetched)
        return fetched.error();
    return std::move(fetched->bytes);
}

}  // namespace replicant::backend::core
