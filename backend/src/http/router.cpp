#include "http/router.h"

#include <algorithm>
#include <stdexcept>

namespace replicant::backend::http {

namespace {
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start)
            out.push_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return out;
}

bool matchPattern(std::string_view pattern, std::string_view path, PathParams& params) {
    const auto want = segments(pattern);
    const auto got = segments(path);
    if (want.size() != got.size())
        return false;
    PathParams found;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto w = want[i];
        if (w.size() > 2 && w.front() == '{' && w.back() == '}')
            found.emplace(std::string(w.substr(1, w.size() - 2)), std::string(got[i]));
        else if (w != got[i])
            return false;
    }
    params = std::move(found);
    return true;
}
}  // namespace

void Router::add(Route route) {
    for (const auto& existing : routes_) {
        if (existing.method == route.method && existing.pattern == route.pattern)
            throw std::logic_error("duplicate route " + route.method + " " + route.pattern);
    }
    routes_.push_back(std::move(route));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
    RouteMatch result;
    for (const auto& route : routes_) {
        PathParams params;
        if (!matchPattern(route.pattern, path, params))
            continue;
        if (route.method == method && !result.route) {
            result.route = &route;
            result.params = std::move(params);
        }
        if (std::find(result.allowed.begin(), result.allowed.end(), route.method) ==
            result.allowed.end())
            result.allowed.push_back(route.method);
    }
    return result;
}

}  // namespace replicant::backend::http
