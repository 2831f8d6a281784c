#pragma once

#include <QJsonDocument>
#include <QString>

#include "replicant/ui/client/api_result.h"

namespace replicant::ui {

// The account an API token belongs to (GET /v1/account).
struct Account {
    QString type;  // "user" or "organization"
    QString username;
    QString name;
    QString githubUrl;  // empty when the API says null
    QString avatarUrl;

    // Reads the API's account object; an error (with `status`) when it is not one.
    static ApiResult<Account> fromJson(const QJsonDocument& json, int status);
};

}  // namespace replicant::ui
