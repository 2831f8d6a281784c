#include "core/secret_inputs.h"

#include "runners/openapi.h"

namespace replicant::backend::core {

namespace json = boost::json;

namespace {
bool isSecret(const json::value& schema) {
    const auto* o = schema.if_object();
    if (!o)
        return false;
    if (const auto* flag = o->if_contains("x-cog-secret");
        flag && flag->is_bool() && flag->as_bool())
        return true;
    const auto* format = o->if_contains("format");
    return format && format->is_string() && format->as_string() == "password";
}
}  // namespace

json::object redactSecrets(const json::object& openapi, json::object input) {
    const auto* props = runners::inputProperties(openapi);
    if (!props)
        return input;
    for (auto& [name, value] : input) {
        const auto* schema = props->if_contains(name);
        if (schema && isSecret(*schema) && !value.is_null())
            value = kRedacted;
    }
    return input;
}

}  // namespace replicant::backend::core
