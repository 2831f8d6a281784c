#include "core/accounts.h"

#include "util/clock.h"
#include "util/crypto.h"
#include "util/log.h"

namespace replicant::backend::core {

namespace {
constexpr const char* kAccountColumns =
    "SELECT id, username, name, type, github_url, avatar_url FROM accounts ";

Account readAccount(const store::Statement& st) {
    return Account{st.integer(0), st.text(1),         st.text(2),
                   st.text(3),    st.optionalText(4), st.optionalText(5)};
}

std::string tokenHint(const std::string& token) {
    return token.size() > 4 ? token.substr(token.size() - 4) : std::string();
}
}  // namespace

std::string AccountService::generateToken() {
    return "r8_" + util::randomAlnum(37);
}

Result<Account> AccountService::ensureDefaultAccount(const std::string& username) {
    {
        auto lock = db_.lock();
        auto st = db_.prepare(std::string(kAccountColumns) + "WHERE is_default = 1");
        if (!st)
            return st.error();
        if (st->step())
            return readAccount(*st);
        auto insert = db_.prepare(
            "INSERT INTO accounts (username, name, type, is_default, created_at) "
            "VALUES (?, ?, 'user', 1, ?)");
        if (!insert)
            return insert.error();
        insert->bind(1, username).bind(2, username).bind(3, util::nowRfc3339());
        if (auto r = insert->run(); !r)
            return r.error();
    }
    return defaultAccount();
}

Result<Account> AccountService::defaultAccount() {
    auto lock = db_.lock();
    auto st = db_.prepare(std::string(kAccountColumns) + "WHERE is_default = 1");
    if (!st)
        return st.error();
    if (!st->step())
        return makeError(ErrorCode::NotFound, "no default account");
    return readAccount(*st);
}

Result<Account> AccountService::ensureAccount(const std::string& username, const std::string& type,
                                              const std::string& name) {
    auto lock = db_.lock();
    auto insert = db_.prepare(
        "INSERT INTO accounts (username, name, type, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (username) DO NOTHING");
    if (!insert)
        return insert.error();
    insert->bind(1, username).bind(2, name).bind(3, type).bind(4, util::nowRfc3339());
    if (auto r = insert->run(); !r)
        return r.error();
    auto st = db_.prepare(std::string(kAccountColumns) + "WHERE username = ?");
    if (!st)
        return st.error();
    st->bind(1, username);
    if (!st->step())
        return makeError(ErrorCode::Internal, "account vanished after insert");
    return readAccount(*st);
}

Result<void> AccountService::registerToken(std::int64_t accountId, const std::string& token,
                                           const std::string& name) {
    auto lock = db_.lock();
    auto st = db_.prepare(
        "INSERT INTO api_tokens (account_id, name, token_hash, hint, created_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING");
    if (!st)
        return st.error();
    st->bind(1, accountId)
        .bind(2, name)
        .bind(3, util::sha256Hex(token))
        .bind(4, tokenHint(token))
        .bind(5, util::nowRfc3339());
    return st->run();
}

Result<std::string> AccountService::createToken(std::int64_t accountId, const std::string& name) {
    std::string token = generateToken();
    if (auto r = registerToken(accountId, token, name); !r)
        return r.error();
    return token;
}

Result<std::int64_t> AccountService::tokenCount(std::int64_t accountId) {
    auto lock = db_.lock();
    auto st = db_.prepare("SELECT count(*) FROM api_tokens WHERE account_id = ?");
    if (!st)
        return st.error();
    st->bind(1, accountId);
    if (!st->step())
        return makeError(ErrorCode::Internal, "count failed");
    return st->integer(0);
}

std::optional<Account> AccountService::authenticate(const std::string& token) {
    if (token.empty())
        return std::nullopt;
    auto lock = db_.lock();
    auto st = db_.prepare(
        "SELECT a.id, a.username, a.name, a.type, a.github_url, a.avatar_url "
        "FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ?");
    if (!st) {
        util::logError("token lookup failed: " + st.error().detail);
        return std::nullopt;
    }
    st->bind(1, util::sha256Hex(token));
    if (!st->step()) {
        if (st->error())
            util::logError("token lookup failed: " + st->error()->detail);
        return std::nullopt;
    }
    return readAccount(*st);
}

}  // namespace replicant::backend::core
