// CogRunner::predict: one prediction's life on a Cog server, from the PUT to the terminal
// webhook. Webhooks are whole snapshots that may arrive out of order or twice; the first
// terminal one wins, and logs and output items are passed on once each.
#include "runners/cog/cog_files.h"
#include "runners/cog/cog_runner.h"
#include "runners/openapi.h"

namespace replicant::backend::runners::cog {

namespace json = boost::json;
using namespace std::chrono_literals;

namespace {
std::string str(const json::object& o, const char* key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool terminal(const std::string& status) {
    return status == "succeeded" || status == "failed" || status == "canceled";
}
}  // namespace

Result<json::value> CogRunner::predict(PredictContext& ctx) {
    std::shared_ptr<const json::object> openapi;
    bool iterator;
    {
        std::lock_guard lock(mutex_);
        openapi = schema_;
        iterator = streams_;
    }
    const json::value* outSchema = outputSchema(*openapi);
    auto input = cogInput(*openapi, ctx.input, ctx);
    if (!input)
        return input.error();

    auto f = std::make_shared<InFlight>();
    {
        std::lock_guard lock(mutex_);
        inFlight_[ctx.predictionId] = f;
    }
    struct Unregister {
        CogRunner* self;
        std::string id;
        ~Unregister() {
            std::lock_guard lock(self->mutex_);
            self->inFlight_.erase(id);
        }
    } unregister{this, ctx.predictionId};

    if (auto sent = submit(ctx, *f, *input); !sent) {
        if (ctx.isCanceled())
            return json::value(nullptr);
        return sent.error();
    }

    UploadLookup uploads = [this](const std::string& url) -> std::optional<OutputFile> {
        auto staged = takeUpload(url);
        if (!staged)
            return std::nullopt;
        return OutputFile{std::move(staged->bytes), std::move(staged->contentType),
                          std::move(staged->filename)};
    };
    std::string logsSeen;
    std::size_t emitted = 0;
    int fileIndex = 0;
    bool cancelSent = false;
    auto cancelDeadline = std::chrono::steady_clock::time_point::max();

    // Passes on what a snapshot adds; returns its status.
    auto apply = [&](const json::object& s) -> Result<std::string> {
        const std::string logs = str(s, "logs");
        if (logs.size() > logsSeen.size() && logs.starts_with(logsSeen)) {
            ctx.log(logs.substr(logsSeen.size()));
            logsSeen = logs;
        }
        const auto* output = s.if_contains("output");
        if (iterator && output && output->is_array() && output->as_array().size() > emitted) {
            const auto& items = output->as_array();
            const json::value* itemSchema = outSchema && outSchema->is_object()
                                                ? outSchema->as_object().if_contains("items")
                                                : nullptr;
            for (; emitted < items.size(); ++emitted) {
                auto item = replicantOutput(items[emitted], itemSchema, ctx, uploads, fileIndex);
                if (!item)
                    return item.error();
                ctx.emitOutput(std::move(*item));
            }
        }
        return str(s, "status");
    };

    for (;;) {
        std::deque<json::object> batch;
        std::optional<std::string> failure;
        {
            std::unique_lock lock(mutex_);
            changed_.wait_for(lock, 50ms,
                              [&] { return !f->snapshots.empty() || f->failure || stopping_; });
            batch.swap(f->snapshots);
            if (!batch.empty())
                f->idlePolls = 0;
            failure = f->failure;
            if (stopping_ && !failure)
                failure = "the server is shutting down";
        }
        for (auto& s : batch) {
            auto status = apply(s);
            if (!status)
                return status.error();
            if (!terminal(*status))
                continue;
            const auto* error = s.if_contains("error");
            // After a failed upload Cog's Python server sends `failed`, then `succeeded` with
            // the error still set: any error means failure.
            if (error && error->is_string() && !error->as_string().empty())
                return makeError(ErrorCode::Internal, std::string(error->as_string()));
            if (*status == "failed")
                return makeError(ErrorCode::Internal, "The model failed without an error message.");
            if (*status == "canceled") {
                if (ctx.isCanceled())
                    return json::value(nullptr);
                return makeError(ErrorCode::Internal, "The Cog server canceled the prediction.");
            }
            if (iterator)
                return json::value(nullptr);  // every item was emitted
            const auto* output = s.if_contains("output");
            return replicantOutput(output ? *output : json::value(nullptr), outSchema, ctx, uploads,
                                   fileIndex);
        }
        if (failure) {
            if (ctx.isCanceled())
                return json::value(nullptr);
            return makeError(ErrorCode::Internal, *failure);
        }
        if (ctx.isCanceled()) {
            if (!cancelSent) {
                cancelSent = true;
                cancelOnServer(ctx.predictionId);
                // Wait a little for the server to say it stopped, so the next prediction does
                // not meet a busy server; the prediction is canceled either way.
                cancelDeadline = std::chrono::steady_clock::now() + 5s;
            } else if (std::chrono::steady_clock::now() > cancelDeadline) {
                return json::value(nullptr);
            }
        }
    }
}

}  // namespace replicant::backend::runners::cog
