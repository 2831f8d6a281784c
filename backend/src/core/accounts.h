#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "replicant/backend/result.h"
#include "store/database.h"

namespace replicant::backend::core {

struct Account {
    std::int64_t id = 0;
    std::string username;
    std::string name;
    std::string type;  // "user" or "organization"
    std::optional<std::string> githubUrl;
    std::optional<std::string> avatarUrl;
};

// Accounts and their API tokens. Tokens are random 40-character `r8_` strings, the real API's
// format; only their SHA-256 is stored (they are high-entropy, so a slow KDF would add nothing).
class AccountService {
public:
    explicit AccountService(store::Database& db) : db_(db) {}

    // Creates the default account on first run; returns it on every run.
    Result<Account> ensureDefaultAccount(const std::string& username);
    Result<Account> defaultAccount();
    // An account that owns models but has no tokens (e.g. the `replicate` organization of the
    // built-in models); created on first use.
    Result<Account> ensureAccount(const std::string& username, const std::string& type,
                                  const std::string& name);

    // Stores the hash of `token` for the account (no-op when already known).
    Result<void> registerToken(std::int64_t accountId, const std::string& token,
                               const std::string& name);
    // Generates, stores (hashed) and returns a new token.
    Result<std::string> createToken(std::int64_t accountId, const std::string& name);
    Result<std::int64_t> tokenCount(std::int64_t accountId);

    // The account a presented token belongs to, or nullopt.
    std::optional<Account> authenticate(const std::string& token);

    static std::string generateToken();

private:
    store::Database& db_;
};

}  // namespace replicant::backend::core
