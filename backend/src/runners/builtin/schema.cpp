#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

json::object cogOpenapi(json::object inputProperties, json::array required, json::object output) {
    json::object input{{"type", "object"}, {"title", "Input"}};
    if (!required.empty())
        input["required"] = std::move(required);
    input["properties"] = std::move(inputProperties);
    output.emplace("title", "Output");

    json::object status{
        {"title", "Status"},
        {"description", "An enumeration."},
        {"enum", json::array{"starting", "processing", "succeeded", "canceled", "failed"}},
        {"type", "string"}};
    json::object schemas{
        {"Input", std::move(input)}, {"Output", std::move(output)}, {"Status", std::move(status)}};
    return json::object{
        {"openapi", "3.0.2"},
        {"info", json::object{{"title", "Cog"}, {"version", "0.1.0"}}},
        {"paths", json::object{}},
        {"components", json::object{{"schemas", std::move(schemas)}}},
    };
}

json::object streamedTextOutput() {
    return json::object{{"type", "array"},
                        {"items", json::object{{"type", "string"}}},
                        {"x-cog-array-type", "iterator"},
                        {"x-cog-array-display", "concatenate"}};
}

}  // namespace replicant::backend::runners::builtin
