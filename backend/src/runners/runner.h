#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "replicant/backend/result.h"

namespace replicant::backend::runners {

// A file a model produces.
struct OutputFile {
    std::string bytes;
    std::string contentType;  // e.g. "image/png"
    std::string filename;     // e.g. "out-0.png"
};

// What a model sees of one prediction while it runs.
struct PredictContext {
    std::string predictionId;
    boost::json::object input;                    // validated, defaults applied
    const std::atomic<bool>* canceled = nullptr;  // set when the prediction is canceled
    // Appends one item to an iterator output (the prediction's `output` array grows).
    std::function<void(boost::json::value)> emitOutput;
    // Appends text to the prediction's logs.
    std::function<void(const std::string&)> log;
    // Stores an output file with the prediction and returns the value to put in the output (a
    // URL the platform serves). Files are deleted with their prediction.
    std::function<Result<std::string>(OutputFile)> saveFile;
    // The bytes of a `format: uri` input: a data: URI, an http(s) URL (fetched with size and
    // time limits) or one of the platform's own file URLs. The error says what went wrong.
    std::function<Result<std::string>(const std::string& uri)> fetchInput;

    bool isCanceled() const { return canceled && canceled->load(std::memory_order_relaxed); }
};

// A model implementation: built-in code, or (later) a Cog server. predict() runs on a worker
// thread and may block; it returns the final output, or an Error whose detail becomes the
// prediction's `error`. Iterator models emit items and return null.
class Runner {
public:
    virtual ~Runner() = default;

    // The version's Cog OpenAPI document (Input and Output schemas).
    virtual boost::json::object openapiSchema() const = 0;
    // How many predictions may run at once.
    virtual int concurrency() const { return 4; }
    // True when output arrives as a stream of items (an iterator model).
    virtual bool streams() const { return false; }
    virtual Result<boost::json::value> predict(PredictContext& ctx) = 0;
};

using RunnerPtr = std::shared_ptr<Runner>;

}  // namespace replicant::backend::runners
