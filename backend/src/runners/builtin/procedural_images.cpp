// Seeded procedural image generators in the shape of text-to-image models (prompt, width,
// height, seed, num_outputs, output_format): replicant/plasma (domain-warped fractal noise),
// replicant/voronoi (stained-glass cells) and replicant/flow-field (particles traced through a
// noise field, with its intermediate frames). Deterministic for a prompt and seed; no ML.
#include <boost/json.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <cmath>
#include <functional>

#include "runners/builtin/catalog.h"
#include "runners/builtin/image_io.h"
#include "runners/builtin/inputs.h"
#include "runners/builtin/noise.h"
#include "runners/builtin/palette.h"
#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

namespace {

struct Canvas {
    int width = 0;
    int height = 0;
    std::string prompt;
    std::uint64_t seed = 0;  // already mixed with the prompt
    Palette palette;
};

// Renders one image; frames other than the last are intermediate steps. An empty result means
// the prediction was canceled.
using Renderer = std::function<std::vector<cv::Mat>(const Canvas&, PredictContext&)>;

// Fills each pixel from `shade(x, y)` on all cores, stopping early on cancel.
cv::Mat perPixel(const Canvas& c, PredictContext& ctx,
                 const std::function<cv::Vec3f(double x, double y)>& shade) {
    cv::Mat image(c.height, c.width, CV_8UC3);
    std::atomic<bool> stop{false};
    cv::parallel_for_(cv::Range(0, c.height), [&](const cv::Range& rows) {
        for (int y = rows.start; y < rows.end; ++y) {
            if (stop.load(std::memory_order_relaxed) || ctx.isCanceled()) {
                stop = true;
                return;
            }
            auto* row = image.ptr<cv::Vec3b>(y);
            for (int x = 0; x < c.width; ++x) {
                const cv::Vec3f color = shade(x, y);
                row[x] = cv::Vec3b(cv::saturate_cast<uchar>(color[0]),
                                   cv::saturate_cast<uchar>(color[1]),
                                   cv::saturate_cast<uchar>(color[2]));
            }
        }
    });
    return stop ? cv::Mat() : image;
}

std::vector<cv::Mat> renderPlasma(const Canvas& c, PredictContext& ctx) {
    Rng rng(c.seed);
    const Noise noise(rng.next());
    const double scale = rng.uniform(1.5, 4.0) / std::min(c.width, c.height);
    const double warp = rng.uniform(1.0, 3.0);
    const double z0 = rng.uniform(0, 100), z1 = rng.uniform(0, 100);
    cv::Mat image = perPixel(c, ctx, [&](double px, double py) {
        const double x = px * scale, y = py * scale;
        // Domain warping (Quílez): noise looked up at a point moved by noise gives the marbled,
        // folded shapes that plain fractal noise lacks.
        const double qx = noise.fbm(x, y, z0, 4), qy = noise.fbm(x + 5.2, y + 1.3, z0, 4);
        const double v = noise.fbm(x + warp * qx, y + warp * qy, z1, 6);
        const cv::Vec3f base = c.palette.at(0.5 + 0.9 * v);
        const double light = 0.8 + 0.4 * std::sqrt(qx * qx + qy * qy);
        return base * static_cast<float>(light);
    });
    if (image.empty())
        return {};
    return {image};
}

std::vector<cv::Mat> renderVoronoi(const Canvas& c, PredictContext& ctx) {
    Rng rng(c.seed);
    const int cells = 24 + rng.below(140);
    std::vector<cv::Point2d> sites(static_cast<std::size_t>(cells));
    std::vector<cv::Vec3f> colors(sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) {
        sites[i] = {rng.uniform(0, c.width), rng.uniform(0, c.height)};
        colors[i] = c.palette.at(rng.uniform());
    }
    const double spacing = std::sqrt(double(c.width) * c.height / cells);
    const double lead = std::max(1.0, spacing * 0.025);  // the dark lines between cells
    const cv::Vec3f leadColor = c.palette.darkest() * 0.3f;
    cv::Mat image = perPixel(c, ctx, [&](double x, double y) {
        double d1 = 1e300, d2 = 1e300;
        std::size_t nearest = 0, second = 0;
        for (std::size_t i = 0; i < sites.size(); ++i) {
            const double dx = x - sites[i].x, dy = y - sites[i].y;
            const double d = dx * dx + dy * dy;
            if (d < d1) {
                d2 = d1;
                second = nearest;
                d1 = d;
                nearest = i;
            } else if (d < d2) {
                d2 = d;
                second = i;
            }
        }
        // Distance to the bisector of the two nearest sites: the border between their cells.
        const double edge = (d2 - d1) / (2 * cv::norm(sites[second] - sites[nearest]) + 1e-9);
        d1 = std::sqrt(d1);
        if (edge < lead)
            return leadColor;
        // Lighter at the centre, like light through glass; a soft bevel towards the lead.
        const double glow = 1.15 - 0.45 * std::min(1.0, d1 / spacing);
        const double bevel = std::min(1.0, (edge - lead) / (lead * 3));
        return colors[nearest] * static_cast<float>(glow * (0.7 + 0.3 * bevel));
    });
    if (image.empty())
        return {};
    return {image};
}

std::vector<cv::Mat> renderFlowField(const Canvas& c, PredictContext& ctx, int frames) {
    Rng rng(c.seed);
    const Noise noise(rng.next());
    const double frequency = rng.uniform(1.0, 3.0) / std::min(c.width, c.height);
    const double turns = rng.uniform(1.0, 3.0);
    const double z = rng.uniform(0, 100);
    const int particles = std::max(200, c.width * c.height / 250);
    const int steps = 120;
    const double stepLength = std::max(1.0, std::min(c.width, c.height) / 300.0);

    cv::Mat canvas(c.height, c.width, CV_8UC3);
    const cv::Vec3f background = c.palette.darkest() * 0.6f;
    canvas.setTo(cv::Scalar(background[0], background[1], background[2]));
    struct Particle {
        cv::Point2d at;
        cv::Scalar color;
    };
    std::vector<Particle> swarm(static_cast<std::size_t>(particles));
    for (auto& p : swarm) {
        p.at = {rng.uniform(0, c.width), rng.uniform(0, c.height)};
        const cv::Vec3f color = c.palette.at(rng.uniform(0.25, 1.0));
        p.color = cv::Scalar(color[0], color[1], color[2]);
    }

    std::vector<cv::Mat> out;
    for (int step = 1; step <= steps; ++step) {
        if (ctx.isCanceled())
            return {};
        for (auto& p : swarm) {
            const double angle =
                noise.fbm(p.at.x * frequency, p.at.y * frequency, z, 3) * turns * 2 * CV_PI;
            const cv::Point2d next =
                p.at + stepLength * cv::Point2d(std::cos(angle), std::sin(angle));
            // Fixed-point coordinates (4 fractional bits) keep anti-aliased strokes smooth.
            cv::line(canvas, cv::Point(p.at * 16), cv::Point(next * 16), p.color, 1, cv::LINE_AA,
                     4);
            p.at = next;
            if (p.at.x < 0 || p.at.y < 0 || p.at.x >= c.width || p.at.y >= c.height)
                p.at = {rng.uniform(0, c.width), rng.uniform(0, c.height)};
        }
        // Frames at evenly spaced steps, the last one the finished image.
        if (step * frames / steps != (step - 1) * frames / steps)
            out.push_back(canvas.clone());
    }
    return out;
}

class ProceduralImage final : public Runner {
public:
    // `drawing` says what the pattern is, in the prompt's description. It also keeps the models'
    // schemas apart: a built-in's version id is derived from its schema.
    ProceduralImage(Renderer render, bool frames, std::string drawing)
        : render_(std::move(render)), frames_(frames), drawing_(std::move(drawing)) {}

    json::object openapiSchema() const override {
        CogInput in;
        in.text("prompt",
                "Colour names (red, teal, gold…) and moods (sunset, ocean, forest, fire, ice, "
                "night…) set the palette of the " +
                    drawing_ + "; the rest of the prompt varies the pattern",
                std::nullopt);
        in.integer("width", "Width of the output image in pixels", 768, 64, 2048);
        in.integer("height", "Height of the output image in pixels", 768, 64, 2048);
        in.seed();
        in.integer("num_outputs", "Number of images to generate (seed, seed + 1, …)", 1, 1, 4);
        if (frames_)
            in.integer("num_frames",
                       "Number of images per output showing the drawing build up; the last is "
                       "the finished image",
                       8, 1, 24);
        in.choice("output_format", "Format of the output images", imageFormatChoices(), "webp");
        in.integer("output_quality",
                   "Quality when saving the output images, from 0 to 100 (not used for png)", 80, 0,
                   100);
        return in.openapi(fileListOutput());
    }
    int concurrency() const override { return 2; }

    Result<json::value> predict(PredictContext& ctx) override {
        Canvas canvas;
        canvas.width = static_cast<int>(intInput(ctx, "width", 768));
        canvas.height = static_cast<int>(intInput(ctx, "height", 768));
        if (canvas.width < 1 || canvas.height < 1 || canvas.width > 4096 || canvas.height > 4096)
            return makeError(ErrorCode::Unprocessable,
                             "width and height must be between 64 and 2048 pixels");
        canvas.prompt = stringInput(ctx, "prompt");
        const std::uint64_t seed = seedInput(ctx);
        const auto outputs = intInput(ctx, "num_outputs", 1);
        const std::string format = stringInput(ctx, "output_format", "webp");
        const int quality = static_cast<int>(intInput(ctx, "output_quality", 80));

        json::array urls;
        for (std::int64_t i = 0; i < outputs; ++i) {
            canvas.seed = (seed + static_cast<std::uint64_t>(i)) * 0x9e3779b97f4a7c15ull ^
                          stableHash(canvas.prompt);
            canvas.palette =
                Palette::fromPrompt(canvas.prompt, seed + static_cast<std::uint64_t>(i));
            std::vector<cv::Mat> images = render_(canvas, ctx);
            if (images.empty() || ctx.isCanceled())
                return makeError(ErrorCode::Internal, "canceled");
            if (!frames_)
                images.resize(1);
            for (std::size_t f = 0; f < images.size(); ++f) {
                if (ctx.isCanceled())  // encoding many large frames takes a while too
                    return makeError(ErrorCode::Internal, "canceled");
                std::string stem = "out-" + std::to_string(i);
                if (frames_ && images.size() > 1)
                    stem += "-step-" + std::to_string(f + 1);
                auto url = saveImage(ctx, images[f], format, quality, stem);
                if (!url)
                    return url.error();
                urls.push_back(json::value(*url));
            }
            ctx.log("generated image " + std::to_string(i + 1) + " of " + std::to_string(outputs) +
                    "\n");
        }
        return json::value(std::move(urls));
    }

private:
    Renderer render_;
    bool frames_;
    std::string drawing_;
};

}  // namespace

std::vector<BuiltinModel> proceduralImageModels() {
    const std::string honest =
        "\n\nThis is a procedural generator, not a diffusion model: it draws no objects and "
        "reads the prompt only for colour names, moods (sunset, ocean, forest, fire, ice, night, "
        "desert, neon, pastel, autumn) and a hash that varies the pattern. It has the inputs and "
        "output of a text-to-image model, so it stands in for one in comparison grids, clients "
        "and tests, offline and in well under a second. The same prompt, size and seed give the "
        "same image; image *i* of `num_outputs` uses `seed + i`.\n";
    std::vector<BuiltinModel> models;
    models.push_back(BuiltinModel{
        "replicant", "plasma",
        "Draws marbled fractal-noise art from a prompt's colours; a procedural generator",
        "# plasma\n\nMarbled, flowing colour fields: fractal Perlin noise with domain warping "
        "(noise looked up at points displaced by more noise), coloured with a palette taken from "
        "the prompt." +
            honest,
        "", "cpu", "",
        json::object{
            {"prompt", "a sunset over the ocean"}, {"width", 512}, {"height", 512}, {"seed", 7}},
        std::make_shared<ProceduralImage>(renderPlasma, false, "marbled noise")});
    models.push_back(BuiltinModel{
        "replicant", "voronoi",
        "Draws stained-glass Voronoi mosaics from a prompt's colours; a procedural generator",
        "# voronoi\n\nA stained-glass mosaic: a seeded Voronoi diagram (each pixel belongs to "
        "its nearest site) with dark lead lines along the cell borders and cells that glow "
        "towards their centres, coloured with a palette taken from the prompt." +
            honest,
        "", "cpu", "",
        json::object{{"prompt", "stained glass window, blue and gold"},
                     {"width", 512},
                     {"height", 512},
                     {"seed", 7}},
        std::make_shared<ProceduralImage>(renderVoronoi, false, "stained-glass cells")});
    models.push_back(BuiltinModel{
        "replicant", "flow-field",
        "Draws particle trails through a noise flow field, with the intermediate frames",
        "# flow-field\n\nThousands of particles follow a smooth vector field (angles from "
        "fractal Perlin noise) and leave anti-aliased trails, coloured with a palette taken from "
        "the prompt.\n\nThe output also shows the drawing build up: for each of `num_outputs` "
        "images there are `num_frames` files, in order, the last of them the finished image "
        "(`out-0-step-1` … `out-0-step-8`, then `out-1-…`). The playground's output scrubber "
        "steps through them." +
            honest,
        "", "cpu", "",
        json::object{{"prompt", "forest at night"}, {"width", 512}, {"height", 512}, {"seed", 7}},
        std::make_shared<ProceduralImage>(
            [](const Canvas& c, PredictContext& ctx) {
                return renderFlowField(c, ctx, static_cast<int>(intInput(ctx, "num_frames", 8)));
            },
            true, "particle trails")});
    return models;
}

}  // namespace replicant::backend::runners::builtin
