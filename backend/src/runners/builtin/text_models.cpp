// replicate/hello-world and replicate/canary: the two models the official clients' own tests
// call, re-implemented exactly (they are trivial string functions, not ML).
#include <boost/json.hpp>

#include "runners/builtin/catalog.h"
#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

namespace {
json::object textInput(const char* description) {
    return json::object{
        {"text",
         json::object{
             {"type", "string"}, {"title", "Text"}, {"x-order", 0}, {"description", description}}}};
}

class HelloWorld final : public Runner {
public:
    json::object openapiSchema() const override {
        return cogOpenapi(textInput("Text to prefix with 'hello '"), json::array{"text"},
                          json::object{{"type", "string"}});
    }
    int concurrency() const override { return 64; }
    Result<json::value> predict(PredictContext& ctx) override {
        return json::value("hello " + std::string(ctx.input.at("text").as_string()));
    }
};

// Streams the words of "hello there, <text>" one at a time, each after the first with its
// leading space, so that concatenating the items gives the sentence.
class Canary final : public Runner {
public:
    json::object openapiSchema() const override {
        return cogOpenapi(textInput("Text to greet"), json::array{"text"}, streamedTextOutput());
    }
    int concurrency() const override { return 64; }
    bool streams() const override { return true; }
    Result<json::value> predict(PredictContext& ctx) override {
        const std::string sentence =
            "hello there, " + std::string(ctx.input.at("text").as_string());
        std::size_t start = 0;
        while (start < sentence.size()) {
            if (ctx.isCanceled())
                break;
            std::size_t next = sentence.find(' ', start + 1);
            if (next == std::string::npos)
                next = sentence.size();
            ctx.emitOutput(json::value(sentence.substr(start, next - start)));
            start = next;
        }
        return json::value(nullptr);
    }
};
}  // namespace

std::vector<BuiltinModel> textModels() {
    std::vector<BuiltinModel> models;
    models.push_back(BuiltinModel{
        "replicate", "hello-world", "A tiny model that says hello",
        "# hello-world\n\nPrefixes its input with `hello `. The smallest possible model: use it to "
        "check that a client, a token and a connection work.\n\nIt is a plain string function, "
        "not machine learning.\n",
        "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa", "cpu",
        "https://github.com/replicate/cog-examples", json::object{{"text", "Alice"}},
        std::make_shared<HelloWorld>()});
    models.push_back(BuiltinModel{
        "replicate", "canary", "Streams a greeting one word at a time",
        "# canary\n\nStreams `hello there, <text>` one word at a time, as an iterator of "
        "strings. The official clients' integration tests use this model; it is a plain string "
        "function, not machine learning.\n",
        "30e22229542eb3f79d4f945dacb58d32001b02cc313ae6f54eef27904edf3272", "cpu", "",
        json::object{{"text", "Alice"}}, std::make_shared<Canary>()});
    return models;
}

}  // namespace replicant::backend::runners::builtin
