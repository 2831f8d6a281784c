// replicant/sleep: waits, logs its progress, and optionally fails. A diagnostic model for
// exercising clients: timeouts, Prefer: wait, cancellation, deadlines and queueing (it runs one
// prediction at a time).
#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

#include "runners/builtin/catalog.h"
#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

namespace {
class Sleep final : public Runner {
public:
    json::object openapiSchema() const override {
        json::object props{
            {"seconds", json::object{{"type", "number"},
                                     {"title", "Seconds"},
                                     {"x-order", 0},
                                     {"minimum", 0},
                                     {"maximum", 600},
                                     {"default", 1},
                                     {"description", "How long to wait"}}},
            {"logs_per_second",
             json::object{{"type", "number"},
                          {"title", "Logs Per Second"},
                          {"x-order", 2},
                          {"minimum", 0},
                          {"maximum", 1000},
                          {"default", 1},
                          {"description", "How many log lines to write per second"}}},
            {"fail", json::object{{"type", "boolean"},
                                  {"title", "Fail"},
                                  {"x-order", 1},
                                  {"default", false},
                                  {"description", "Fail at the end instead of succeeding"}}},
        };
        return cogOpenapi(std::move(props), json::array{}, json::object{{"type", "string"}});
    }
    int concurrency() const override { return 1; }

    Result<json::value> predict(PredictContext& ctx) override {
        const double seconds = ctx.input.at("seconds").to_number<double>();
        const auto end = std::chrono::steady_clock::now() +
                         std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                             std::chrono::duration<double>(seconds));
        const double rate = ctx.input.at("logs_per_second").to_number<double>();
        // Wake often enough to notice a cancel quickly and to log at the asked rate.
        const auto step = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(rate > 20 ? 1.0 / rate : 0.05));
        const auto start = std::chrono::steady_clock::now();
        long logged = 0;
        while (std::chrono::steady_clock::now() < end) {
            if (ctx.isCanceled())
                return json::value(nullptr);
            std::this_thread::sleep_for(std::min(step, end - std::chrono::steady_clock::now()));
            const double elapsed =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            while (rate > 0 && logged < static_cast<long>(elapsed * rate)) {
                ++logged;
                char line[64];
                std::snprintf(line, sizeof line, "log line %ld after %.2f s\n", logged, elapsed);
                ctx.log(line);
            }
        }
        if (ctx.input.at("fail").as_bool())
            return makeError(ErrorCode::Internal, "Failed as requested (fail=true)");
        char text[64];
        std::snprintf(text, sizeof text, "slept %g seconds", seconds);
        return json::value(text);
    }
};
}  // namespace

BuiltinModel sleepModel() {
    return BuiltinModel{
        "replicant",
        "sleep",
        "Waits, logs and optionally fails: a diagnostic model",
        "# sleep\n\nWaits for `seconds`, logging `logs_per_second` lines a second, then returns "
        "`slept N seconds`, "
        "or fails when `fail` is true. It runs one prediction at a time, so extra predictions "
        "queue.\n\nUse it to exercise a client: timeouts, `Prefer: wait`, cancellation, "
        "`Cancel-After` deadlines and queueing. It does no machine learning.\n",
        "",
        "cpu",
        "",
        json::object{{"seconds", 0.1}},
        std::make_shared<Sleep>()};
}

}  // namespace replicant::backend::runners::builtin
