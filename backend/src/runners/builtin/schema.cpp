#include "runners/builtin/schema.h"

#include <cctype>

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

json::object cogOpenapi(json::object inputProperties, json::array required, json::object output,
                        json::object enums) {
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
    for (auto& [name, schema] : enums)
        schemas[name] = std::move(schema);
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

json::object fileOutput() {
    return json::object{{"type", "string"}, {"format", "uri"}};
}

json::object fileListOutput() {
    return json::object{{"type", "array"}, {"items", fileOutput()}};
}

namespace {
// Pydantic's title for a field: words split on underscores, each capitalised.
std::string titleOf(const std::string& name) {
    std::string title;
    bool startOfWord = true;
    for (char c : name) {
        if (c == '_') {
            title += ' ';
            startOfWord = true;
            continue;
        }
        title += startOfWord ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        startOfWord = false;
    }
    return title;
}
}  // namespace

CogInput& CogInput::add(const std::string& name, json::object schema, bool required) {
    if (!schema.contains("allOf"))
        schema.emplace("title", titleOf(name));
    schema["x-order"] = order_++;
    properties_[name] = std::move(schema);
    if (required)
        required_.push_back(json::value(name));
    return *this;
}

CogInput& CogInput::text(const std::string& name, const std::string& description,
                         std::optional<std::string> defaultValue) {
    json::object schema{{"type", "string"}, {"description", description}};
    if (defaultValue)
        schema["default"] = *defaultValue;
    return add(name, std::move(schema), !defaultValue);
}

CogInput& CogInput::integer(const std::string& name, const std::string& description,
                            std::int64_t defaultValue, std::int64_t minimum, std::int64_t maximum) {
    return add(name, json::object{{"type", "integer"},
                                  {"description", description},
                                  {"default", defaultValue},
                                  {"minimum", minimum},
                                  {"maximum", maximum}});
}

CogInput& CogInput::number(const std::string& name, const std::string& description,
                           double defaultValue, double minimum, double maximum) {
    return add(name, json::object{{"type", "number"},
                                  {"description", description},
                                  {"default", defaultValue},
                                  {"minimum", minimum},
                                  {"maximum", maximum}});
}

CogInput& CogInput::boolean(const std::string& name, const std::string& description,
                            bool defaultValue) {
    return add(
        name,
        json::object{{"type", "boolean"}, {"description", description}, {"default", defaultValue}});
}

CogInput& CogInput::file(const std::string& name, const std::string& description) {
    return add(name,
               json::object{{"type", "string"}, {"format", "uri"}, {"description", description}},
               true);
}

CogInput& CogInput::seed() {
    return add("seed",
               json::object{{"type", "integer"},
                            {"description", "Random seed. Leave blank to randomize the seed"},
                            {"nullable", true}});
}

CogInput& CogInput::choice(const std::string& name, const std::string& description,
                           json::array values, json::value defaultValue) {
    const bool integers = !values.empty() && !values.front().is_string();
    enums_[name] = json::object{{"title", name},
                                {"description", "An enumeration."},
                                {"enum", std::move(values)},
                                {"type", integers ? "integer" : "string"}};
    return add(
        name,
        json::object{{"allOf", json::array{json::object{{"$ref", "#/components/schemas/" + name}}}},
                     {"description", description},
                     {"default", std::move(defaultValue)}});
}

json::object CogInput::openapi(json::object output) const {
    return cogOpenapi(properties_, required_, std::move(output), enums_);
}

}  // namespace replicant::backend::runners::builtin
