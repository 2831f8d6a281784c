#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace replicant::backend::runners::builtin {

// A Cog-style OpenAPI document for a built-in model: `input` holds the Input properties (each
// with x-order), `required` their required names, `output` the Output schema.
boost::json::object cogOpenapi(boost::json::object inputProperties, boost::json::array required,
                               boost::json::object output);

// Output schema of an iterator model that streams text tokens meant to be concatenated.
boost::json::object streamedTextOutput();

}  // namespace replicant::backend::runners::builtin
