// replicant-models-bench: for each image model, the time of a prediction through the HTTP API
// (POST /v1/models/{owner}/{name}/predictions with `Prefer: wait`, the input image sent as a data:
// URI) against calling the same runner in-process on the same input, in one run. The target: the
// API adds no more than 10%.
//
// It starts its own replicant-server in-process (temporary data directory, rate limits off), so
// both halves run on the same machine, build and libraries. Runs alternate between the two paths
// so that drift (thermal, other work) hits both alike; medians are compared.
#include <unistd.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "core/input_validation.h"
#include "replicant/backend/server.h"
#include "runners/builtin/catalog.h"
#include "runners/builtin/samples.h"
#include "util/base64.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using namespace replicant::backend;
using Clock = std::chrono::steady_clock;

namespace {

const char* const kToken = "r8_models_bench_token_0123456789";

std::string dataUri(const cv::Mat& image, const char* ext, const char* type) {
    std::vector<unsigned char> bytes;
    cv::imencode(ext, image, bytes);
    return std::string("data:") + type + ";base64," +
           util::base64Encode(
               std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string fileUri(const char* path, const char* type) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    return std::string("data:") + type + ";base64," + util::base64Encode(bytes);
}

cv::Mat scene(int width) {
    cv::Mat out;
    const cv::Mat s = runners::builtin::sampleImage(runners::builtin::SampleImage::Scene);
    cv::resize(s, out, cv::Size(width, width * s.rows / s.cols), 0, 0, cv::INTER_CUBIC);
    return out;
}

// The same inputs for both paths: typical sizes for each model.
std::vector<std::pair<std::string, json::object>> workloads() {
    using runners::builtin::SampleImage;
    std::string photo = fileUri("/usr/share/doc/opencv-doc/examples/data/messi5.jpg", "image/jpeg");
    if (photo.empty())
        photo = dataUri(runners::builtin::sampleImage(SampleImage::Face), ".jpg", "image/jpeg");
    cv::Mat noisy = scene(768), noise(noisy.size(), CV_16SC3), widened;
    cv::RNG(1).fill(noise, cv::RNG::NORMAL, 0, 18);
    noisy.convertTo(widened, CV_16SC3);
    widened += noise;
    widened.convertTo(noisy, CV_8UC3);
    return {
        {"face-detect", {{"image", photo}}},
        {"ocr",
         {{"image",
           dataUri(runners::builtin::sampleImage(SampleImage::Text), ".png", "image/png")}}},
        {"stylize", {{"image", dataUri(scene(1024), ".jpg", "image/jpeg")}}},
        {"upscale", {{"image", dataUri(scene(512), ".jpg", "image/jpeg")}, {"scale", 2}}},
        {"denoise", {{"image", dataUri(noisy, ".png", "image/png")}}},
        {"plasma", {{"prompt", "a sunset over the ocean"}, {"seed", 1}}},
        {"voronoi", {{"prompt", "stained glass, blue and gold"}, {"seed", 1}}},
        {"flow-field", {{"prompt", "forest at night"}, {"seed", 1}}},
    };
}

// Calls the runner as the platform would, with file inputs decoded from data: URIs and outputs
// kept in memory. Returns milliseconds, or a negative value on failure.
double runDirect(const runners::builtin::BuiltinModel& model, const json::object& input,
                 std::string& error) {
    const auto start = Clock::now();
    auto checked = core::validateInput(model.runner->openapiSchema(), input);
    runners::PredictContext ctx;
    ctx.predictionId = "direct";
    ctx.input = std::move(checked.input);
    ctx.emitOutput = [](json::value) {};
    ctx.log = [](const std::string&) {};
    ctx.saveFile = [](runners::OutputFile f) -> Result<std::string> {
        return "memory://" + f.filename;
    };
    ctx.fetchInput = [](const std::string& uri) -> Result<std::string> {
        auto decoded = util::base64Decode(uri.substr(uri.find(',') + 1));
        if (!decoded)
            return makeError(ErrorCode::Unprocessable, "bad data: URI");
        return *decoded;
    };
    auto result = model.runner->predict(ctx);
    if (!result) {
        error = result.error().detail;
        return -1;
    }
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// One keep-alive connection to the server.
class Client {
public:
    Client(const std::string& host, std::uint16_t port) : stream_(ioc_) {
        asio::ip::tcp::resolver resolver(ioc_);
        stream_.connect(resolver.resolve(host, std::to_string(port)));
    }

    // POSTs `body`; returns milliseconds to the complete response, or a negative value with
    // `error` set.
    double predict(const std::string& model, const std::string& body, std::string& error) {
        http::request<http::string_body> req{http::verb::post,
                                             "/v1/models/replicant/" + model + "/predictions", 11};
        req.set(http::field::host, "127.0.0.1");
        req.set(http::field::authorization, std::string("Bearer ") + kToken);
        req.set(http::field::content_type, "application/json");
        req.set("Prefer", "wait=60");
        req.body() = body;
        req.prepare_payload();
        const auto start = Clock::now();
        http::write(stream_, req);
        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(boost::none);
        http::read(stream_, buffer, parser);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        const auto& res = parser.get();
        boost::system::error_code ec;
        const json::value v = json::parse(res.body(), ec);
        const json::value* status =
            ec || !v.is_object() ? nullptr : v.as_object().if_contains("status");
        if (!status || !status->is_string() || status->as_string() != "succeeded") {
            const json::value* err =
                ec || !v.is_object() ? nullptr : v.as_object().if_contains("error");
            error = "HTTP " + std::to_string(res.result_int()) + ": " +
                    (err && err->is_string() ? std::string(err->as_string())
                                             : res.body().substr(0, 300));
            return -1;
        }
        return ms;
    }

private:
    asio::io_context ioc_;
    beast::tcp_stream stream_;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty()
               ? 0
               : (v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 10;
    std::vector<std::string> only;
    bool strict = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--runs" && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--models" && i + 1 < argc) {
            std::string list = argv[++i];
            for (std::size_t p = 0; p <= list.size();) {
                const std::size_t comma = std::min(list.find(',', p), list.size());
                only.push_back(list.substr(p, comma - p));
                p = comma + 1;
            }
        } else if (arg == "--strict") {
            strict = true;
        } else {
            std::cout << "usage: replicant-models-bench [--runs N] [--models a,b] [--strict]\n"
                         "  --strict: exit 1 when the API adds more than 10% to a model\n";
            return arg == "--help" ? 0 : 2;
        }
    }

    const auto dir = std::filesystem::temp_directory_path() /
                     ("replicant-models-bench-" + std::to_string(::getpid()));
    ServerOptions options;
    options.port = 0;
    options.dataDir = dir;
    options.token = kToken;
    options.rateLimit = false;
    options.logRequests = false;
    Server server(options);
    if (auto started = server.start(); !started) {
        std::cerr << "server did not start: " << started.error().detail << "\n";
        return 1;
    }
    // The first start runs every model's default example; let those finish first.
    std::this_thread::sleep_for(std::chrono::seconds(3));
    Client client(server.host(), server.port());
    const auto models = runners::builtin::catalog();

    // Medians decide; minimums (the least disturbed run of each path) are shown beside them,
    // since on a busy machine the medians wander.
    std::printf("%-12s %10s %10s %9s   %10s %10s %9s\n", "model", "direct ms", "API ms", "API adds",
                "min direct", "min API", "adds");
    bool allWithin = true;
    for (const auto& [name, input] : workloads()) {
        if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end())
            continue;
        const auto model = std::find_if(models.begin(), models.end(),
                                        [&](const auto& m) { return m.name == name; });
        const std::string body = json::serialize(json::object{{"input", input}});
        std::vector<double> direct, api;
        std::string directError, apiError;
        for (int i = -2; i < runs; ++i) {  // two warm-up rounds
            const double d = runDirect(*model, input, directError);
            const double a = client.predict(name, body, apiError);
            if (i >= 0 && d >= 0)
                direct.push_back(d);
            if (i >= 0 && a >= 0)
                api.push_back(a);
        }
        if (direct.empty() || api.empty()) {
            std::printf("%-12s failed: %s\n", name.c_str(),
                        (directError.empty() ? apiError : directError).c_str());
            allWithin = false;
            continue;
        }
        const double d = median(direct), a = median(api), adds = (a - d) / d * 100;
        const double dMin = *std::min_element(direct.begin(), direct.end());
        const double aMin = *std::min_element(api.begin(), api.end());
        allWithin = allWithin && adds <= 10;
        std::printf("%-12s %10.1f %10.1f %8.1f%%   %10.1f %10.1f %8.1f%%  %s\n", name.c_str(), d, a,
                    adds, dMin, aMin, (aMin - dMin) / dMin * 100, adds <= 10 ? "ok" : "over 10%");
    }
    server.stop();
    std::filesystem::remove_all(dir);
    return strict && !allWithin ? 1 : 0;
}
