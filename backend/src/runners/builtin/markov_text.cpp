// replicant/markov-text: a word-level Markov chain (order 2) over The Devil's Dictionary, a
// public-domain text the project ships (resources/corpus). Streams tokens like a language model,
// and says plainly that it is not one.
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "runners/builtin/catalog.h"
#include "runners/builtin/inputs.h"
#include "runners/builtin/noise.h"
#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {
// The corpus, embedded by the build from resources/corpus/devils-dictionary.txt.
extern const char kDevilsDictionary[];
extern const std::size_t kDevilsDictionary_size;

namespace json = boost::json;

namespace {

// The time between streamed tokens. Generating one takes microseconds; the pause makes the
// stream look and pace like a hosted language model's, so clients' streaming paths are exercised.
constexpr auto kTokenInterval = std::chrono::milliseconds(20);

using Followers = std::vector<std::pair<std::uint32_t, std::uint32_t>>;  // (token, count)

class Chain {
public:
    static const Chain& instance() {
        static const Chain chain(std::string_view(kDevilsDictionary, kDevilsDictionary_size));
        return chain;
    }

    const std::string& token(std::uint32_t id) const { return vocabulary_[id]; }

    std::optional<std::uint32_t> find(const std::string& word) const {
        if (auto it = ids_.find(word); it != ids_.end())
            return it->second;
        if (auto it = lowercase_.find(lower(word)); it != lowercase_.end())
            return it->second;
        return std::nullopt;
    }

    const Followers* after(std::uint32_t a, std::uint32_t b) const {
        auto it = pairs_.find(key(a, b));
        return it == pairs_.end() ? nullptr : &it->second;
    }
    const Followers* after(std::uint32_t a) const {
        auto it = singles_.find(a);
        return it == singles_.end() ? nullptr : &it->second;
    }
    std::uint32_t randomStart(Rng& rng) const {
        return starts_[static_cast<std::size_t>(rng.below(static_cast<int>(starts_.size())))];
    }
    std::size_t size() const { return vocabulary_.size(); }

private:
    explicit Chain(std::string_view text) {
        // Train on the entries only: the edition notice and the preface are not Bierce's voice.
        if (auto start = text.find("ABASEMENT, n."); start != std::string_view::npos)
            text = text.substr(start);
        std::vector<std::uint32_t> tokens;
        std::string word;
        auto flush = [&] {
            if (word.empty())
                return;
            auto [it, added] = ids_.emplace(word, static_cast<std::uint32_t>(vocabulary_.size()));
            if (added) {
                vocabulary_.push_back(word);
                lowercase_.emplace(lower(word), it->second);
            }
            tokens.push_back(it->second);
            word.clear();
        };
        for (char c : text) {
            if (c == '_')  // the edition's italics markers
                continue;
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
                flush();
            else
                word += c;
        }
        flush();
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (i == 0 || endsSentence(vocabulary_[tokens[i - 1]]))
                starts_.push_back(tokens[i]);
            if (i >= 1)
                count(singles_[tokens[i - 1]], tokens[i]);
            if (i >= 2)
                count(pairs_[key(tokens[i - 2], tokens[i - 1])], tokens[i]);
        }
    }

    static std::uint64_t key(std::uint32_t a, std::uint32_t b) {
        return (static_cast<std::uint64_t>(a) << 32) | b;
    }
    static void count(Followers& followers, std::uint32_t next) {
        for (auto& [id, n] : followers)
            if (id == next) {
                ++n;
                return;
            }
        followers.emplace_back(next, 1);
    }
    static std::string lower(std::string s) {
        for (char& c : s)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    }
    static bool endsSentence(const std::string& w) {
        return !w.empty() && (w.back() == '.' || w.back() == '!' || w.back() == '?');
    }

    std::vector<std::string> vocabulary_;
    std::unordered_map<std::string, std::uint32_t> ids_;
    std::unordered_map<std::string, std::uint32_t> lowercase_;
    std::unordered_map<std::uint64_t, Followers> pairs_;
    std::unordered_map<std::uint32_t, Followers> singles_;
    std::vector<std::uint32_t> starts_;
};

// Samples a follower with probability ∝ count^(1/temperature); a temperature near 0 picks the
// most frequent (the first of equals, so it stays deterministic).
std::uint32_t sample(const Followers& followers, double temperature, Rng& rng) {
    if (temperature < 0.01) {
        return std::max_element(followers.begin(), followers.end(),
                                [](const auto& a, const auto& b) { return a.second < b.second; })
            ->first;
    }
    std::vector<double> weights(followers.size());
    double total = 0;
    for (std::size_t i = 0; i < followers.size(); ++i)
        total += weights[i] = std::pow(static_cast<double>(followers[i].second), 1.0 / temperature);
    double pick = rng.uniform() * total;
    for (std::size_t i = 0; i < followers.size(); ++i) {
        pick -= weights[i];
        if (pick < 0)
            return followers[i].first;
    }
    return followers.back().first;
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    for (char c : text + " ") {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!word.empty())
                out.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    return out;
}

class MarkovText final : public Runner {
public:
    json::object openapiSchema() const override {
        CogInput in;
        in.text("prompt",
                "Text to continue. Its last words, when the corpus knows them, start the "
                "chain",
                std::nullopt);
        in.integer("max_tokens", "Maximum number of tokens (words) to generate", 128, 1, 1024);
        in.number("temperature",
                  "Randomness: 1 samples the corpus's own frequencies, lower values prefer the "
                  "commonest continuation, 0 always takes it",
                  0.8, 0, 2);
        in.seed();
        return in.openapi(streamedTextOutput());
    }
    // Mostly waiting between tokens; many streams fit on one core.
    int concurrency() const override { return 16; }
    bool streams() const override { return true; }

    Result<json::value> predict(PredictContext& ctx) override {
        const Chain& chain = Chain::instance();
        const std::string prompt = stringInput(ctx, "prompt");
        const auto maxTokens = intInput(ctx, "max_tokens", 128);
        const double temperature = numberInput(ctx, "temperature", 0.8);
        Rng rng(seedInput(ctx) ^ stableHash(prompt));

        // Context: the prompt's last two words when the chain knows them.
        std::optional<std::uint32_t> a, b;
        const auto promptWords = words(prompt);
        if (!promptWords.empty())
            b = chain.find(promptWords.back());
        if (b && promptWords.size() >= 2)
            a = chain.find(promptWords[promptWords.size() - 2]);
        if (b && a && !chain.after(*a, *b))
            a.reset();
        if (b && !chain.after(*b))
            b.reset();

        bool spaceBefore =
            !prompt.empty() && !std::isspace(static_cast<unsigned char>(prompt.back()));
        for (std::int64_t i = 0; i < maxTokens; ++i) {
            if (ctx.isCanceled())
                break;
            std::uint32_t next;
            if (const Followers* f = a && b ? chain.after(*a, *b) : nullptr)
                next = sample(*f, temperature, rng);
            else if (const Followers* g = b ? chain.after(*b) : nullptr)
                next = sample(*g, temperature, rng);
            else
                next = chain.randomStart(rng);
            ctx.emitOutput(json::value((spaceBefore ? " " : "") + chain.token(next)));
            spaceBefore = true;
            a = b;
            b = next;
            if (i + 1 < maxTokens)
                std::this_thread::sleep_for(kTokenInterval);
        }
        return json::value(nullptr);
    }
};

}  // namespace

BuiltinModel markovTextModel() {
    return BuiltinModel{
        "replicant",
        "markov-text",
        "Streams text from a word-level Markov chain trained on The Devil's Dictionary",
        "# markov-text\n\n"
        "A text generator with the interface of a language model (a prompt in, a stream of "
        "tokens out, `max_tokens`, `temperature`, `seed`) and none of the machinery: an order-2 "
        "word-level Markov chain over *The Devil's Dictionary* by Ambrose Bierce (1911, public "
        "domain, shipped with Replicant). Each word is drawn from the words that followed the "
        "previous two in the book, weighted by how often they did.\n\n"
        "It is not a neural network and it understands nothing: the prompt only chooses where "
        "the chain starts (its last two words, when the book has them). The output is cynical, "
        "Victorian, grammatical for a few words at a time and sometimes funny. Use it to try "
        "streaming clients, the output stream view and seeds: the same prompt, settings and seed "
        "give the same text.\n\n"
        "Tokens are words with their punctuation, each after the first with a leading space, so "
        "that joining them gives the text. They arrive about 20 ms apart, as from a hosted "
        "model.\n",
        "",
        "cpu",
        "",
        json::object{{"prompt", "A lawyer is"}, {"max_tokens", 60}, {"seed", 42}},
        std::make_shared<MarkovText>()};
}

}  // namespace replicant::backend::runners::builtin
