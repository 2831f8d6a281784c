#pragma once

#include <QJsonObject>
#include <QString>

#include <utility>
#include <variant>

namespace replicant::ui {

// A failed API call. HTTP errors carry the server's problem+json fields; transport failures have
// status 0 ("Connection failed", the network layer's message as detail).
struct ApiError {
    int status = 0;
    QString title;
    QString detail;
    QJsonObject body;  // the whole error document, when the server sent JSON

    // "Title — detail", or whichever of the two exists.
    QString message() const;
};

// Errors are values: an ApiResult holds either the value of a successful call or an ApiError.
template <class T>
class ApiResult {
public:
    ApiResult(T value) : m_v(std::move(value)) {}
    ApiResult(ApiError error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const { return std::get<0>(m_v); }
    const T* operator->() const { return &value(); }
    const T& operator*() const { return value(); }
    const ApiError& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, ApiError> m_v;
};

}  // namespace replicant::ui
