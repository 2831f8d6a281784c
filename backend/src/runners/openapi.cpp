#include "runners/openapi.h"

namespace replicant::backend::runners {

namespace json = boost::json;

namespace {
const json::object* member(const json::object* o, const char* key) {
    if (!o)
        return nullptr;
    const auto* v = o->if_contains(key);
    return v ? v->if_object() : nullptr;
}

const json::object* schemas(const json::object& openapi) {
    return member(member(&openapi, "components"), "schemas");
}
}  // namespace

const json::object* inputProperties(const json::object& openapi) {
    return member(member(schemas(openapi), "Input"), "properties");
}

const json::value* outputSchema(const json::object& openapi) {
    const auto* s = schemas(openapi);
    return s ? s->if_contains("Output") : nullptr;
}

bool isFileSchema(const json::value& schema) {
    const auto* o = schema.if_object();
    if (!o)
        return false;
    if (const auto* format = o->if_contains("format");
        format && format->is_string() && format->as_string() == "uri")
        return true;
    if (const auto* items = o->if_contains("items"); items && isFileSchema(*items))
        return true;
    if (const auto* all = o->if_contains("allOf"); all && all->is_array())
        for (const auto& part : all->as_array())
            if (isFileSchema(part))
                return true;
    return false;
}

bool isIteratorOutput(const json::object& openapi) {
    const auto* output = outputSchema(openapi);
    const auto* o = output ? output->if_object() : nullptr;
    const auto* type = o ? o->if_contains("x-cog-array-type") : nullptr;
    return type && type->is_string() && type->as_string() == "iterator";
}

}  // namespace replicant::backend::runners
