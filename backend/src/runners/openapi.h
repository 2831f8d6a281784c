#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace replicant::backend::runners {

// Reading a version's Cog OpenAPI document (reference/cog-protocol.md §13).

// components.schemas.Input.properties, or null.
const boost::json::object* inputProperties(const boost::json::object& openapi);
// components.schemas.Output, or null.
const boost::json::value* outputSchema(const boost::json::object& openapi);
// Whether a schema is a file (`format: uri`), an array of files, or wraps one in allOf.
bool isFileSchema(const boost::json::value& schema);
// Whether the model's output is an iterator (`x-cog-array-type: iterator` on Output).
bool isIteratorOutput(const boost::json::object& openapi);

}  // namespace replicant::backend::runners
