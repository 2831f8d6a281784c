#pragma once

// The template part of model.h (pageFromJson); include model.h instead.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace replicant::ui {

template <class T, class Convert>
ApiResult<ListPage<T>> pageFromJson(const QJsonDocument& json, int status, Convert convert) {
    const QJsonObject o = json.object();
    if (!json.isObject() || !o.value(QLatin1String("results")).isArray())
        return ApiError{status, QStringLiteral("Invalid response"),
                        QStringLiteral("The list response has no results."), o};
    ListPage<T> page;
    for (const QJsonValue& item : o.value(QLatin1String("results")).toArray()) {
        if (item.isObject())
            page.results.append(convert(item.toObject()));
    }
    page.next = o.value(QLatin1String("next")).toString();
    page.previous = o.value(QLatin1String("previous")).toString();
    return page;
}

}  // namespace replicant::ui
