#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "replicant/backend/result.h"

namespace replicant::backend::store {

// A prepared statement. Bind with 1-based indexes, step() until it returns false.
class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bindNull(int index);

    // true: a row is ready; false: done. Errors are reported through error().
    bool step();
    Result<void> run();  // steps to completion

    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    bool isNull(int column) const;

    const std::optional<Error>& error() const { return error_; }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
    std::optional<Error> error_;
};

// One SQLite connection in WAL mode. Access is serialised by the caller holding lock().
class Database {
public:
    static Result<std::unique_ptr<Database>> open(const std::filesystem::path& file);
    ~Database();

    std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }

    Result<void> exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    int userVersion();
    int changes() const { return sqlite3_changes(db_); }
    const std::filesystem::path& file() const { return file_; }

private:
    Database(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}
    sqlite3* db_;
    std::filesystem::path file_;
    std::mutex mutex_;
};

}  // namespace replicant::backend::store
