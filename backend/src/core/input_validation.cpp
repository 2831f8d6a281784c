#include "core/input_validation.h"

namespace replicant::backend::core {

// Placeholder until the validator lands: accepts everything unchanged.
InputCheck validateInput(const boost::json::object&, const boost::json::object& input) {
    return InputCheck{input, {}};
}

std::vector<FieldError> validateBodyMembers(const boost::json::object& body,
                                            std::initializer_list<std::string_view> allowed,
                                            std::initializer_list<std::string_view> required) {
    std::vector<FieldError> errors;
    for (auto name : required)
        if (!body.contains(name))
            errors.push_back({"required", "", std::string(name) + " is required"});
    for (const auto& member : body) {
        bool known = false;
        for (auto name : allowed)
            known = known || member.key() == name;
        if (!known)
            errors.push_back(
                {"additional_property_not_allowed", "",
                 "Additional property " + std::string(member.key()) + " is not allowed"});
    }
    return errors;
}

Error validationError(std::vector<FieldError> errors) {
    std::string detail;
    for (const auto& e : errors)
        detail += "- " + (e.field.empty() ? std::string() : e.field + ": ") + e.description + "\n";
    Error error = makeError(ErrorCode::Unprocessable, detail, "Input validation failed");
    error.invalidFields = std::move(errors);
    return error;
}

}  // namespace replicant::backend::core
