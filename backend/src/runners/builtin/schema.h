#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace replicant::backend::runners::builtin {

// A Cog-style OpenAPI document for a built-in model: `input` holds the Input properties (each
// with x-order), `required` their required names, `output` the Output schema. `enums` holds the
// component schemas that `choices` inputs reference (name → {title, enum, type, description}).
boost::json::object cogOpenapi(boost::json::object inputProperties, boost::json::array required,
                               boost::json::object output, boost::json::object enums = {});

// Output schema of an iterator model that streams text tokens meant to be concatenated.
boost::json::object streamedTextOutput();
// Output schema of a model that returns one file (Cog's `-> Path`).
boost::json::object fileOutput();
// Output schema of a model that returns a list of files (Cog's `-> List[Path]`).
boost::json::object fileListOutput();

// Builds a model's Input schema the way Cog writes it, so that forms, validation and clients
// see the same shapes as for a real Cog model: properties in declaration order (x-order), titles
// made from the names ("num_outputs" → "Num Outputs"), `choices` as an allOf/$ref to a component.
class CogInput {
public:
    // A property with its type and constraints in `schema`; title and x-order are added here.
    CogInput& add(const std::string& name, boost::json::object schema, bool required = false);

    CogInput& text(const std::string& name, const std::string& description,
                   std::optional<std::string> defaultValue);  // none: required
    CogInput& integer(const std::string& name, const std::string& description,
                      std::int64_t defaultValue, std::int64_t minimum, std::int64_t maximum);
    CogInput& number(const std::string& name, const std::string& description, double defaultValue,
                     double minimum, double maximum);
    CogInput& boolean(const std::string& name, const std::string& description, bool defaultValue);
    // A required file input (Cog's `Path`): a URL, a data: URI or one of the platform's files.
    CogInput& file(const std::string& name, const std::string& description);
    // Cog's `seed: int = Input(default=None)`: optional, random when left out.
    CogInput& seed();
    // Cog's `Input(choices=[...])`: values are all strings or all integers.
    CogInput& choice(const std::string& name, const std::string& description,
                     boost::json::array values, boost::json::value defaultValue);

    boost::json::object openapi(boost::json::object output) const;

private:
    boost::json::object properties_;
    boost::json::array required_;
    boost::json::object enums_;
    int order_ = 0;
};

}  // namespace replicant::backend::runners::builtin
