#include "core/secret_inputs.h"

namespace replicant::backend::core {

namespace json = boost::json;

namespace {
bool isSecret(const json::value& schema) {
    const auto* o = schema.if_object();
    if (!o)
        return false;
    if (const auto* flag = o->if_contains("x-cog-secret"); flag && flag->is_bool() && flag->as_bool())
        return true;
    const auto* format = o->if_contains("format");
    return format && format->is_string() && format->as_string() == "password";
}
}  // namespace

json::object redactSecrets(const json::object& openapi, json::object input) {
    const json::value* props = openapi.if_contains("components");
    for (const char* key : {"schemas", "Input", "properties"})
        props = props && props->is_object() ? props->as_object().if_contains(key) : nullptr;
    if (!props || !props->is_object())
        return input;
    for (auto& [name, value] : input) {
        const auto* schema = props->as_object().if_contains(name);
        if (schema && isSecret(*schema) && !value.is_null())
            value = kRedacted;
    }
    return input;
}

}  // namespace replicant::backend::core
