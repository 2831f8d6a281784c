#include "replicant/ui/client/account.h"

#include <QJsonObject>
#include <QJsonValue>

namespace replicant::ui {

ApiResult<Account> Account::fromJson(const QJsonDocument& json, int status) {
    const QJsonObject o = json.object();
    if (!json.isObject() || !o.value(QLatin1String("username")).isString())
        return ApiError{status, QStringLiteral("Invalid response"),
                        QStringLiteral("The account response has no username."), o};
    Account account;
    account.type = o.value(QLatin1String("type")).toString();
    account.username = o.value(QLatin1String("username")).toString();
    account.name = o.value(QLatin1String("name")).toString();
    account.githubUrl = o.value(QLatin1String("github_url")).toString();
    account.avatarUrl = o.value(QLatin1String("avatar_url")).toString();
    return account;
}

}  // namespace replicant::ui
