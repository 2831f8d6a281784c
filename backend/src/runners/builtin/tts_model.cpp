// replicant/tts: formant speech synthesis with eSpeak NG → a 16-bit mono WAV.
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <boost/json.hpp>

#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "runners/builtin/catalog.h"
#include "runners/builtin/inputs.h"
#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

namespace {

// eSpeak NG keeps its voice, parameters and output in process-wide state: one synthesis at a
// time, whatever the caller.
std::mutex espeakMutex;

constexpr std::size_t kMaxTextLength = 5000;

// Synthesis state for one call; eSpeak hands it back to the callback as user_data.
struct Synthesis {
    std::vector<std::int16_t> samples;
    PredictContext* ctx = nullptr;
};

int onSamples(short* wav, int count, espeak_EVENT* events) {
    auto* synthesis = events ? static_cast<Synthesis*>(events->user_data) : nullptr;
    if (!synthesis)
        return 0;
    if (wav && count > 0)
        synthesis->samples.insert(synthesis->samples.end(), wav, wav + count);
    return synthesis->ctx->isCanceled() ? 1 : 0;  // 1 stops the synthesis
}

// Loads the voice data once. Returns the sample rate, or an error naming what is missing.
Result<int> initializeEspeak() {
    static int rate = 0;
    static std::string failure;
    static std::once_flag once;
    std::call_once(once, [] {
        espeak_ng_InitializePath(nullptr);
        espeak_ng_ERROR_CONTEXT context = nullptr;
        espeak_ng_STATUS status = espeak_ng_Initialize(&context);
        if (status == ENS_OK)
            status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
        if (status != ENS_OK) {
            char message[512] = {};
            espeak_ng_GetStatusCodeMessage(status, message, sizeof message);
            failure =
                std::string("eSpeak NG could not start (is espeak-ng-data installed?): ") + message;
            espeak_ng_ClearErrorContext(&context);
            return;
        }
        espeak_SetSynthCallback(onSamples);
        rate = espeak_ng_GetSampleRate();
    });
    if (rate <= 0)
        return makeError(ErrorCode::Internal, failure);
    return rate;
}

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// A canonical 44-byte-header PCM WAV: mono, 16-bit little-endian.
std::string wav(const std::vector<std::int16_t>& samples, int rate) {
    const auto dataBytes = static_cast<std::uint32_t>(samples.size() * 2);
    std::string out;
    out.reserve(44 + dataBytes);
    out += "RIFF";
    put32(out, 36 + dataBytes);
    out += "WAVEfmt ";
    put32(out, 16);  // fmt chunk size
    put16(out, 1);   // PCM
    put16(out, 1);   // channels
    put32(out, static_cast<std::uint32_t>(rate));
    put32(out, static_cast<std::uint32_t>(rate) * 2);  // byte rate
    put16(out, 2);                                     // block align
    put16(out, 16);                                    // bits per sample
    out += "data";
    put32(out, dataBytes);
    for (std::int16_t s : samples)
        put16(out, static_cast<std::uint16_t>(s));
    return out;
}

// The voice choice (a language tag) → eSpeak NG's voice file, the name it selects voices by.
const char* const kVoices[][2] = {
    {"en-us", "en-us"},
    {"en-gb", "en"},
    {"en-gb-scotland", "en-gb-scotland"},
    {"en-gb-x-rp", "en-gb-x-rp"},
    {"en-029", "en-029"},
    {"fr-fr", "fr"},
    {"de", "de"},
    {"es", "es"},
    {"it", "it"},
    {"pt", "pt"},
    {"nl", "nl"},
};
const char* const kVariants[] = {"default", "m1", "m2", "m3",    "m4",      "f1",
                                 "f2",      "f3", "f4", "klatt", "whisper", "croak"};

class Tts final : public Runner {
public:
    json::object openapiSchema() const override {
        CogInput in;
        in.add("text",
               json::object{{"type", "string"},
                            {"description", "Text to speak (up to 5000 characters)"},
                            {"maxLength", kMaxTextLength}},
               true);
        json::array voices, variants;
        for (const auto& voice : kVoices)
            voices.push_back(json::value(voice[0]));
        for (const char* variant : kVariants)
            variants.push_back(json::value(variant));
        in.choice("voice", "Language and accent", std::move(voices), "en-us");
        in.choice("variant",
                  "Voice variant: m1–m4 male, f1–f4 female, klatt (a Klatt-style formant "
                  "voice), whisper, croak",
                  std::move(variants), "default");
        in.integer("speed", "Speaking rate in words per minute", 175, 80, 450);
        in.integer("pitch", "Base pitch, from 0 (low) to 99 (high)", 50, 0, 99);
        in.integer("word_gap", "Extra pause between words, in units of 10 ms", 0, 0, 50);
        return in.openapi(fileOutput());
    }
    int concurrency() const override { return 1; }

    Result<json::value> predict(PredictContext& ctx) override {
        const std::string text = stringInput(ctx, "text");
        if (text.empty())
            return makeError(ErrorCode::Unprocessable, "text is empty: there is nothing to say");
        if (text.size() > kMaxTextLength * 4)  // UTF-8: up to 4 bytes a character
            return makeError(ErrorCode::Unprocessable, "text is too long");
        const std::string choice = stringInput(ctx, "voice", "en-us");
        std::string voice;
        for (const auto& [tag, file] : kVoices)
            if (choice == tag)
                voice = file;
        if (voice.empty())
            return makeError(ErrorCode::Unprocessable, "unknown voice: " + choice);
        if (const std::string variant = stringInput(ctx, "variant", "default");
            variant != "default")
            voice += "+" + variant;

        Synthesis synthesis;
        synthesis.ctx = &ctx;
        int rate = 0;
        {
            std::lock_guard lock(espeakMutex);
            auto initialized = initializeEspeak();
            if (!initialized)
                return initialized.error();
            rate = *initialized;
            if (espeak_ng_SetVoiceByName(voice.c_str()) != ENS_OK)
                return makeError(ErrorCode::Unprocessable, "eSpeak NG has no voice " + voice);
            espeak_SetParameter(espeakRATE, static_cast<int>(intInput(ctx, "speed", 175)), 0);
            espeak_SetParameter(espeakPITCH, static_cast<int>(intInput(ctx, "pitch", 50)), 0);
            espeak_SetParameter(espeakWORDGAP, static_cast<int>(intInput(ctx, "word_gap", 0)), 0);
            const espeak_ERROR result =
                espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                             nullptr, &synthesis);
            if (result != EE_OK)
                return makeError(ErrorCode::Internal, "eSpeak NG could not synthesise the text");
        }
        if (ctx.isCanceled())
            return makeError(ErrorCode::Internal, "canceled");
        if (synthesis.samples.empty())
            return makeError(ErrorCode::Unprocessable, "the text produced no speech");
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.2f",
                      static_cast<double>(synthesis.samples.size()) / rate);
        ctx.log(std::string("synthesised ") + seconds + " s of audio at " + std::to_string(rate) +
                " Hz\n");
        if (!ctx.saveFile)
            return makeError(ErrorCode::Internal, "this runner cannot store output files");
        auto url =
            ctx.saveFile(OutputFile{wav(synthesis.samples, rate), "audio/wav", "output.wav"});
        if (!url)
            return url.error();
        return json::value(*url);
    }
};

}  // namespace

BuiltinModel ttsModel() {
    return BuiltinModel{
        "replicant",
        "tts",
        "Speaks text aloud with eSpeak NG, a classical formant synthesiser",
        "# tts\n\n"
        "Text to speech with [eSpeak NG](https://github.com/espeak-ng/espeak-ng): rule-based "
        "pronunciation and *formant* synthesis, which models the resonances of the vocal tract "
        "instead of replaying recordings. The voice sounds robotic, but it is clear, small, fast "
        "and fully offline, and it speaks many languages.\n\n"
        "Output: a mono 16-bit WAV at 22,050 Hz. `voice` picks the language and accent, "
        "`variant` the voice (m1–m4 male, f1–f4 female, klatt, whisper, croak), `speed` the rate "
        "in words per minute, `pitch` the base pitch (0–99) and `word_gap` extra silence "
        "between words.\n\n"
        "This is not a neural text-to-speech model.\n",
        "",
        "cpu",
        "https://github.com/espeak-ng/espeak-ng",
        json::object{{"text",
                      "Hello from Replicant. This voice is made by eSpeak, running on "
                      "your own machine."}},
        std::make_shared<Tts>()};
}

}  // namespace replicant::backend::runners::builtin
