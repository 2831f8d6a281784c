#include "runners/builtin/inputs.h"

#include <cmath>
#include <random>

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

namespace {
const json::value* find(const PredictContext& ctx, const char* name) {
    const json::value* v = ctx.input.if_contains(name);
    return v && !v->is_null() ? v : nullptr;
}
}  // namespace

std::string stringInput(const PredictContext& ctx, const char* name, std::string fallback) {
    const json::value* v = find(ctx, name);
    return v && v->is_string() ? std::string(v->get_string()) : fallback;
}

std::optional<std::int64_t> optionalIntInput(const PredictContext& ctx, const char* name) {
    const json::value* v = find(ctx, name);
    if (!v)
        return std::nullopt;
    if (v->is_int64())
        return v->get_int64();
    if (v->is_uint64())
        return static_cast<std::int64_t>(v->get_uint64());
    if (v->is_double() && std::isfinite(v->get_double()))
        return static_cast<std::int64_t>(v->get_double());
    return std::nullopt;
}

std::int64_t intInput(const PredictContext& ctx, const char* name, std::int64_t fallback) {
    return optionalIntInput(ctx, name).value_or(fallback);
}

double numberInput(const PredictContext& ctx, const char* name, double fallback) {
    const json::value* v = find(ctx, name);
    if (!v || !(v->is_number()))
        return fallback;
    return v->to_number<double>();
}

bool boolInput(const PredictContext& ctx, const char* name, bool fallback) {
    const json::value* v = find(ctx, name);
    return v && v->is_bool() ? v->get_bool() : fallback;
}

std::uint64_t seedInput(PredictContext& ctx) {
    std::uint64_t seed;
    if (auto given = optionalIntInput(ctx, "seed")) {
        seed = static_cast<std::uint64_t>(*given);
    } else {
        std::random_device device;
        seed = device() & 0x7fffffff;
    }
    if (ctx.log)
        ctx.log("Using seed: " + std::to_string(static_cast<std::int64_t>(seed)) + "\n");
    return seed;
}

std::uint64_t stableHash(const std::string& text) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace replicant::backend::runners::builtin
