#include "store/database.h"

namespace replicant::backend::store {

namespace {
Error sqliteError(sqlite3* db, std::string_view what) {
    return makeError(ErrorCode::Internal, std::string(what) + ": " + sqlite3_errmsg(db));
}
}  // namespace

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), error_(std::move(other.error_)) {
    other.stmt_ = nullptr;
}

Statement::~Statement() {
    if (stmt_)
        sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        error_ = sqliteError(db_, "step");
    return false;
}

Result<void> Statement::run() {
    while (step()) {
    }
    if (error_)
        return *error_;
    return {};
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
}

std::optional<std::string> Statement::optionalText(int column) const {
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        Error e = sqliteError(db, "cannot open " + file.string());
        sqlite3_close(db);
        return e;
    }
    std::unique_ptr<Database> out(new Database(db, file));
    sqlite3_busy_timeout(db, 5000);
    // WAL lets readers proceed while a writer commits; NORMAL sync is durable across process
    // crashes and only risks the last transactions on power loss, the usual WAL trade.
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        if (auto r = out->exec(pragma); !r)
            return r.error();
    }
    return out;
}

Database::~Database() {
    sqlite3_close(db_);
}

Result<void> Database::exec(std::string_view sql) {
    char* message = nullptr;
    const std::string copy(sql);
    if (sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        Error e = makeError(ErrorCode::Internal, std::string("sql: ") + (message ? message : "?"));
        sqlite3_free(message);
        return e;
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK)
        return sqliteError(db_, "prepare");
    return Statement(db_, stmt);
}

int Database::userVersion() {
    auto st = prepare("PRAGMA user_version");
    if (!st || !st->step())
        return -1;
    return static_cast<int>(st->integer(0));
}

}  // namespace replicant::backend::store
