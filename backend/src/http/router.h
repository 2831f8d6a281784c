#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/types.h"

namespace replicant::backend::http {

// What a route accepts as a request body; anything else is a 415.
enum class BodyType { None, Json, Multipart, Text, Any };

// Which rate limit a route counts against (the real API: creating predictions 600/min,
// everything else 3000/min).
enum class RateClass { Default, Create };

struct Route {
    std::string method;   // any token, including QUERY
    std::string pattern;  // "/v1/models/{owner}/{name}"
    bool authenticated = true;
    BodyType body = BodyType::None;
    Handler handler;
    RateClass rate = RateClass::Default;
};

struct RouteMatch {
    const Route* route = nullptr;  // null: no route for this method
    PathParams params;
    std::vector<std::string> allowed;  // methods the path does accept (for 405 + Allow)
};

class Router {
public:
    void add(Route route);
    RouteMatch match(std::string_view method, std::string_view path) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace replicant::backend::http
