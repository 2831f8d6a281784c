#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "runners/runner.h"

namespace replicant::backend::runners::builtin {

// Typed reads of a prediction's input. The platform has validated it against the model's schema
// and filled in defaults, so a missing or mistyped value here is a programming error in the
// schema; these still fall back to `fallback` rather than throw on a worker thread.
std::string stringInput(const PredictContext& ctx, const char* name, std::string fallback = {});
std::int64_t intInput(const PredictContext& ctx, const char* name, std::int64_t fallback = 0);
double numberInput(const PredictContext& ctx, const char* name, double fallback = 0);
bool boolInput(const PredictContext& ctx, const char* name, bool fallback = false);
std::optional<std::int64_t> optionalIntInput(const PredictContext& ctx, const char* name);

// The `seed` input, or a random one when it was left out; either way it is logged, as Cog
// models do, so that a run can be reproduced.
std::uint64_t seedInput(PredictContext& ctx);

// FNV-1a: a stable hash (std::hash may differ between builds) to mix prompts into seeds.
std::uint64_t stableHash(const std::string& text);

}  // namespace replicant::backend::runners::builtin
