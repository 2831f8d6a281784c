#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace replicant::backend {

// What went wrong, independent of transport. The HTTP layer maps each code to a status and a
// problem+json body in exactly one place (http/problem.cpp).
enum class ErrorCode {
    BadRequest,
    Unauthenticated,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PayloadTooLarge,
    UnsupportedMediaType,
    Unprocessable,
    TooManyRequests,
    Internal,
    Unavailable,
};

// One entry of a 422's `invalid_fields`, in the real API's shape.
struct FieldError {
    std::string type;         // gojsonschema-style: required, enum, number_lte, invalid_type, ...
    std::string field;        // JSON path: "" for the body, "input" or "input.<name>"
    std::string description;  // human readable
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string title;   // short, stable summary; empty where the real API sends none
    std::string detail;  // human readable explanation
    std::vector<FieldError> invalidFields;  // sent as `invalid_fields` when not empty
};

inline Error makeError(ErrorCode code, std::string detail, std::string title = {}) {
    return Error{code, std::move(title), std::move(detail)};
}

// Errors are values across layers: a Result holds either a value or an Error.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }

    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return error_; }

private:
    Error error_;
    bool ok_ = true;
};

}  // namespace replicant::backend
