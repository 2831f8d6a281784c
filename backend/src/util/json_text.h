#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace replicant::backend::util {

// JSON text as the real API writes it. Boost.JSON 1.81 prints doubles in exponent form
// (0.2 as 2E-1); this prints the shortest decimal that round-trips (0.2, 0.012683).
std::string toJson(const boost::json::value& value);

}  // namespace replicant::backend::util
