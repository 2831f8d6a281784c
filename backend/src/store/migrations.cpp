#include "store/migrations.h"

#include <string>

namespace replicant::backend::store {

namespace {
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    username    TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('user', 'organization')),
    github_url  TEXT,
    avatar_url  TEXT,
    is_default  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,  -- SHA-256 hex; the plain token is never stored
    hint         TEXT NOT NULL,         -- last characters, to tell tokens apart in the UI
    created_at   TEXT NOT NULL,
    last_used_at TEXT
);
)sql"},
    {2, R"sql(
CREATE TABLE models (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts(id),
    owner            TEXT NOT NULL,
    name             TEXT NOT NULL,
    description      TEXT,
    visibility       TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    hardware         TEXT NOT NULL,
    github_url       TEXT,
    paper_url        TEXT,
    license_url      TEXT,
    weights_url      TEXT,
    cover_image_url  TEXT,
    readme           TEXT NOT NULL DEFAULT '',
    is_official      INTEGER NOT NULL DEFAULT 0,
    default_example  TEXT,             -- a prediction id
    run_count        INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    UNIQUE (owner, name)
);
CREATE TABLE versions (
    id              TEXT PRIMARY KEY,  -- 64 lower-case hex
    model_id        INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    openapi_schema  TEXT NOT NULL,
    cog_version     TEXT,
    python_version  TEXT,
    runner          TEXT,              -- registry name of the runner that serves it
    created_at      TEXT NOT NULL
);
CREATE INDEX versions_by_model ON versions (model_id, created_at DESC);
-- A prediction is stored as its API document (without urls) plus the columns lists filter on.
CREATE TABLE predictions (
    id          TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    model       TEXT NOT NULL,
    version     TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    doc         TEXT NOT NULL
);
CREATE INDEX predictions_by_account ON predictions (account_id, created_at DESC, id DESC);
)sql"},
    {3, R"sql(
-- Server-wide settings, e.g. the key that signs stream URLs.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
-- Each prediction's append-only event log: what SSE streams replay and webhooks report.
CREATE TABLE prediction_events (
    prediction_id  TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    event          TEXT NOT NULL,  -- output, logs, error, done
    data           TEXT NOT NULL,
    emitted_at     INTEGER NOT NULL,  -- unix microseconds
    PRIMARY KEY (prediction_id, seq)
) WITHOUT ROWID;
ALTER TABLE accounts ADD COLUMN webhook_secret TEXT;
-- The durable webhook queue, one row per delivery (a delivery keeps its id across retries).
CREATE TABLE webhook_deliveries (
    id             TEXT PRIMARY KEY,     -- msg_...
    seq            INTEGER NOT NULL UNIQUE,  -- global order of creation
    prediction_id  TEXT NOT NULL,
    account_id     INTEGER NOT NULL,
    event          TEXT NOT NULL,        -- start, output, logs, completed
    url            TEXT NOT NULL,
    state          TEXT NOT NULL,        -- pending, delivered, failed, superseded
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_attempt   INTEGER NOT NULL,     -- unix milliseconds
    created_at     TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (state, next_attempt);
CREATE INDEX webhook_deliveries_by_prediction ON webhook_deliveries (prediction_id, seq);
CREATE TABLE webhook_attempts (
    delivery_id  TEXT NOT NULL,
    attempt      INTEGER NOT NULL,
    at           TEXT NOT NULL,
    status_code  INTEGER,               -- null when the target was unreachable
    latency_ms   REAL NOT NULL,
    error        TEXT,
    PRIMARY KEY (delivery_id, attempt)
) WITHOUT ROWID;
)sql"},
    {4, R"sql(
-- Uploaded files (the Files API) and files models produce; the bytes live in <data>/files/<id>.
CREATE TABLE files (
    id             TEXT PRIMARY KEY,
    account_id     INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('upload', 'output')),
    prediction_id  TEXT,              -- for outputs: deleted with the prediction
    name           TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    md5            TEXT NOT NULL,
    metadata       TEXT NOT NULL DEFAULT '{}',
    created_at     TEXT NOT NULL,
    expires_at     TEXT
);
CREATE INDEX files_by_account ON files (account_id, created_at DESC);
CREATE INDEX files_by_prediction ON files (prediction_id);
)sql"},
    // Cog runners registered through the API (those from flags or a config file are not kept).
    {5, R"sql(
CREATE TABLE cog_runners (
    model        TEXT PRIMARY KEY,     -- owner/name
    account_id   INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('url', 'command', 'image')),
    target       TEXT NOT NULL,
    concurrency  INTEGER NOT NULL,
    created_at   TEXT NOT NULL
);
)sql"},
};
}  // namespace

std::span<const Migration> migrations() {
    return kMigrations;
}

Result<void> migrate(Database& db, std::span<const Migration> steps) {
    const int current = db.userVersion();
    if (current < 0)
        return makeError(ErrorCode::Internal, "cannot read the schema version");
    const int newest = steps.empty() ? 0 : steps.back().version;
    if (current > newest)
        return makeError(ErrorCode::Internal,
                         "the data directory was written by a newer Replicant (schema " +
                             std::to_string(current) + ", this build knows " +
                             std::to_string(newest) + ")");
    for (const auto& step : steps) {
        if (step.version <= current)
            continue;
        std::string sql = "BEGIN IMMEDIATE;";
        sql += step.sql;
        sql += "PRAGMA user_version = " + std::to_string(step.version) + ";COMMIT;";
        if (auto r = db.exec(sql); !r) {
            (void)db.exec("ROLLBACK");
            return makeError(ErrorCode::Internal, "migration " + std::to_string(step.version) +
                                                      " failed: " + r.error().detail);
        }
    }
    return {};
}

}  // namespace replicant::backend::store
