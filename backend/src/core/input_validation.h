#pragma once

#include <boost/json/object.hpp>

#include <string_view>
#include <vector>

#include "replicant/backend/result.h"

namespace replicant::backend::core {

// The outcome of checking a prediction's `input` against a version's schema: the input with
// defaults applied (what the model receives and what the prediction echoes), or the errors.
struct InputCheck {
    boost::json::object input;
    std::vector<FieldError> errors;
    bool ok() const { return errors.empty(); }
};

// Validates `input` against `components.schemas.Input` of a Cog OpenAPI document, as the real
// platform does. Field paths are "input" / "input.<name>".
InputCheck validateInput(const boost::json::object& openapiSchema,
                         const boost::json::object& input);

// Checks a request body's top-level members: each of `required` present, nothing outside
// `allowed` (additional_property_not_allowed). Field path "".
std::vector<FieldError> validateBodyMembers(const boost::json::object& body,
                                            std::initializer_list<std::string_view> allowed,
                                            std::initializer_list<std::string_view> required);

// The 422 "Input validation failed" error carrying `errors`, with the real API's `detail` lines.
Error validationError(std::vector<FieldError> errors);

}  // namespace replicant::backend::core
