// replicant/text-to-3d: a procedural mesh generator with the interface of a text-to-3D model.
// The prompt picks a shape family and colours; seeded noise shapes the surface. Writes GLB.
#include <boost/json.hpp>

#include <array>
#include <cctype>
#include <cmath>

#include "runners/builtin/catalog.h"
#include "runners/builtin/glb.h"
#include "runners/builtin/inputs.h"
#include "runners/builtin/mesh_shapes.h"
#include "runners/builtin/noise.h"
#include "runners/builtin/palette.h"
#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

namespace {

using Rgb = std::array<float, 3>;  // sRGB, 0–1

const char* const kFamilies[] = {"blob", "rock", "torus", "vase", "crystal", "tree", "mushroom"};

// Words that pick a family when `shape` is auto.
const std::pair<const char*, const char*> kKeywords[] = {
    {"vase", "vase"},          {"pot", "vase"},        {"cup", "vase"},
    {"bottle", "vase"},        {"urn", "vase"},        {"jar", "vase"},
    {"bowl", "vase"},          {"rock", "rock"},       {"stone", "rock"},
    {"boulder", "rock"},       {"asteroid", "rock"},   {"pebble", "rock"},
    {"donut", "torus"},        {"doughnut", "torus"},  {"torus", "torus"},
    {"ring", "torus"},         {"bagel", "torus"},     {"crystal", "crystal"},
    {"gem", "crystal"},        {"quartz", "crystal"},  {"amethyst", "crystal"},
    {"diamond", "crystal"},    {"tree", "tree"},       {"bush", "tree"},
    {"oak", "tree"},           {"pine", "tree"},       {"mushroom", "mushroom"},
    {"toadstool", "mushroom"}, {"fungus", "mushroom"}, {"planet", "blob"},
    {"blob", "blob"},          {"ball", "blob"},       {"sphere", "blob"},
    {"orb", "blob"},           {"moon", "blob"},
};

std::string pickFamily(const std::string& shape, const std::string& prompt, std::uint64_t seed) {
    if (shape != "auto")
        return shape;
    std::string word;
    for (char c : prompt + " ") {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            continue;
        }
        for (const auto& [keyword, family] : kKeywords)
            if (word == keyword || word == std::string(keyword) + "s")
                return family;
        word.clear();
    }
    return kFamilies[seed % std::size(kFamilies)];
}

// "#RRGGBB" or "RRGGBB" → sRGB; nullopt for anything else.
std::optional<Rgb> parseHex(std::string text) {
    if (!text.empty() && text[0] == '#')
        text.erase(0, 1);
    if (text.size() != 6 || !std::all_of(text.begin(), text.end(), [](char c) {
            return std::isxdigit(static_cast<unsigned char>(c));
        }))
        return std::nullopt;
    const unsigned long v = std::stoul(text, nullptr, 16);
    return Rgb{((v >> 16) & 0xFF) / 255.0f, ((v >> 8) & 0xFF) / 255.0f, (v & 0xFF) / 255.0f};
}

Rgb fromBgr(const cv::Vec3f& bgr) {
    return Rgb{bgr[2] / 255.0f, bgr[1] / 255.0f, bgr[0] / 255.0f};
}

Rgb mix(const Rgb& a, const Rgb& b, double t) {
    const auto f = static_cast<float>(std::clamp(t, 0.0, 1.0));
    return Rgb{a[0] * (1 - f) + b[0] * f, a[1] * (1 - f) + b[1] * f, a[2] * (1 - f) + b[2] * f};
}

// Colours every vertex from its position, `shade` returning an sRGB colour; stored linear.
void paint(Mesh& m, const std::function<Rgb(float x, float y, float z)>& shade) {
    m.colors.resize(m.positions.size());
    for (std::size_t i = 0; i + 2 < m.positions.size(); i += 3) {
        const Rgb c = shade(m.positions[i], m.positions[i + 1], m.positions[i + 2]);
        for (int k = 0; k < 3; ++k)
            m.colors[i + k] = srgbToLinear(std::clamp(c[static_cast<std::size_t>(k)], 0.0f, 1.0f));
    }
}

struct Recipe {
    int detail = 4;      // 1–6
    double bumps = 0.3;  // surface noise, 0–1
    Rgb primary{}, secondary{};
    Rng* rng = nullptr;
    const Noise* noise = nullptr;
};

Mesh blob(const Recipe& r, bool rocky) {
    Mesh m = icosphere(r.detail);
    const double amount = rocky ? 0.25 + 0.5 * r.bumps : 0.4 * r.bumps;
    const double frequency = rocky ? r.rng->uniform(1.2, 2.2) : r.rng->uniform(0.8, 1.6);
    const float sx = rocky ? static_cast<float>(r.rng->uniform(0.9, 1.4)) : 1.0f;
    const float sy = rocky ? static_cast<float>(r.rng->uniform(0.55, 0.85)) : 1.0f;
    transform(m, [&](float& x, float& y, float& z) {
        double n = r.noise->fbm(x * frequency, y * frequency, z * frequency, rocky ? 6 : 4);
        if (rocky)
            n = 0.6 - std::abs(n) * 2.0;  // ridged: sharp creases instead of soft swells
        const auto k = static_cast<float>(1.0 + amount * n);
        x *= k * sx;
        y *= k * sy;
        z *= k;
    });
    paint(m, [&](float x, float y, float z) {
        const double n = r.noise->fbm(x * 3.0 + 7, y * 3.0, z * 3.0, 4);
        return mix(r.secondary, r.primary, 0.5 + (rocky ? 2.5 : 1.5) * n);
    });
    return m;
}

Mesh donut(const Recipe& r) {
    Mesh m = torus(1.0, 0.42, 8 << r.detail, 4 << r.detail);
    transform(m, [&](float& x, float& y, float& z) {
        const auto k =
            static_cast<float>(1.0 + 0.08 * r.bumps * r.noise->fbm(x * 4, y * 4, z * 4, 3));
        y *= k;
    });
    // Icing on top with a wavy edge, dough below.
    paint(m, [&](float x, float y, float z) {
        const double edge =
            0.05 * std::sin(std::atan2(z, x) * 9) + 0.1 * r.noise->fbm(x * 3, 0, z * 3, 2);
        return y > edge ? r.primary : r.secondary;
    });
    return m;
}

Mesh vase(const Recipe& r) {
    const int rings = 12 + 6 * r.detail;
    const double belly = r.rng->uniform(0.25, 0.6), neck = r.rng->uniform(0.15, 0.35);
    const double width = r.rng->uniform(0.45, 0.75), waves = r.rng->uniform(0.0, 0.08);
    std::vector<std::pair<double, double>> profile;
    for (int i = 0; i <= rings; ++i) {
        const double t = static_cast<double>(i) / rings;
        double radius = neck + (width - neck) * std::exp(-std::pow((t - belly) / 0.28, 2));
        radius += waves * std::sin(t * 6 * M_PI);
        radius += 0.12 * std::pow(std::max(0.0, t - 0.85) / 0.15, 2);  // the lip flares out
        profile.emplace_back(std::max(0.05, radius), 2.0 * t);
    }
    Mesh m = lathe(profile, 8 << r.detail, true);
    m.doubleSided = true;  // the open top shows the inside
    const double stripes = 3 + r.rng->below(6);
    paint(m, [&](float x, float y, float z) {
        const double band =
            std::sin(y * stripes * M_PI + 0.3 * r.noise->fbm(x * 2, y * 2, z * 2, 3));
        return band > 0.6 ? r.secondary : r.primary;
    });
    return m;
}

Mesh crystals(const Recipe& r) {
    Mesh all;
    const int count = 3 + r.rng->below(4 + r.detail);
    for (int i = 0; i < count; ++i) {
        const double height = r.rng->uniform(0.6, 1.8) * (i == 0 ? 1.3 : 1.0);
        Mesh c = crystal(r.rng->uniform(0.12, 0.25), height, r.rng->uniform(0.15, 0.35));
        const double tiltX = i == 0 ? 0 : r.rng->uniform(-0.7, 0.7);
        const double tiltZ = i == 0 ? 0 : r.rng->uniform(-0.7, 0.7);
        const double spin = r.rng->uniform(0, 2 * M_PI);
        paint(c, [&](float, float y, float) { return mix(r.secondary, r.primary, y / height); });
        transform(c, [&](float& x, float& y, float& z) {
            double px = x * std::cos(spin) - z * std::sin(spin),
                   pz = x * std::sin(spin) + z * std::cos(spin);
            double py = y;
            const double y1 = py * std::cos(tiltX) - pz * std::sin(tiltX);
            pz = py * std::sin(tiltX) + pz * std::cos(tiltX);
            py = y1;
            const double x1 = px * std::cos(tiltZ) - py * std::sin(tiltZ);
            py = px * std::sin(tiltZ) + py * std::cos(tiltZ);
            px = x1;
            x = static_cast<float>(px), y = static_cast<float>(py), z = static_cast<float>(pz);
        });
        append(all, c);
    }
    all.metallic = 0.1;
    all.roughness = 0.15;
    return all;
}

Mesh tree(const Recipe& r) {
    Mesh trunk = lathe({{0.16, 0}, {0.12, 0.6}, {0.08, 1.2}}, 4 << r.detail, false);
    paint(trunk, [&](float, float, float) { return r.secondary; });
    const int clumps = 3 + r.rng->below(4);
    for (int i = 0; i < clumps; ++i) {
        Mesh leaves = icosphere(std::max(1, r.detail - 1));
        const double size = r.rng->uniform(0.35, 0.6);
        const double cx = r.rng->uniform(-0.35, 0.35), cz = r.rng->uniform(-0.35, 0.35);
        const double cy = r.rng->uniform(1.1, 1.7);
        transform(leaves, [&](float& x, float& y, float& z) {
            const auto k = static_cast<float>(
                size * (1 + 0.35 * r.bumps * r.noise->fbm(x * 3 + i, y * 3, z * 3, 3)));
            x = static_cast<float>(x * k + cx), y = static_cast<float>(y * k + cy),
            z = static_cast<float>(z * k + cz);
        });
        paint(leaves, [&](float x, float y, float z) {
            return mix(r.primary,
                       Rgb{r.primary[0] * 0.55f, r.primary[1] * 0.55f, r.primary[2] * 0.55f},
                       0.5 + 1.5 * r.noise->fbm(x * 5, y * 5, z * 5, 3));
        });
        append(trunk, leaves);
    }
    return trunk;
}

Mesh mushroom(const Recipe& r) {
    const int seg = 4 << r.detail;
    Mesh stem = lathe({{0.18, 0}, {0.15, 0.5}, {0.14, 0.9}}, seg, false);
    paint(stem, [](float, float, float) { return Rgb{0.93f, 0.9f, 0.8f}; });
    std::vector<std::pair<double, double>> cap;
    const int rings = 6 + 3 * r.detail;
    const double spread = r.rng->uniform(0.6, 0.9), tall = r.rng->uniform(0.35, 0.6);
    for (int i = 0; i <= rings; ++i) {
        const double a = (M_PI / 2) * i / rings;  // from the rim up to the crown
        cap.emplace_back(spread * std::cos(a), 0.8 + tall * std::sin(a));
    }
    cap.insert(cap.begin(), {spread * 0.9, 0.75});
    Mesh top = lathe(cap, seg, false);
    paint(top, [&](float x, float y, float z) {
        const bool spot = y > 0.85 && r.noise->at(x * 7, y * 7, z * 7) > 0.3;
        return spot ? Rgb{0.97f, 0.96f, 0.92f} : r.primary;
    });
    append(stem, top);
    return stem;
}

class TextTo3d final : public Runner {
public:
    json::object openapiSchema() const override {
        CogInput in;
        in.text("prompt",
                "What to make. Shape words (vase, rock, crystal, tree, donut, mushroom, planet…) "
                "pick the shape family when shape is auto; colour words pick the colours",
                std::nullopt);
        json::array families{"auto"};
        for (const char* f : kFamilies)
            families.push_back(json::value(f));
        in.choice("shape", "Shape family; auto reads it from the prompt", std::move(families),
                  "auto");
        in.integer("detail", "Mesh resolution: each step roughly quadruples the triangles", 4, 1,
                   6);
        in.number("surface_noise", "How bumpy the surface is", 0.3, 0, 1);
        in.text("color", "Main colour as #RRGGBB; empty: from the prompt", std::string());
        in.text("secondary_color", "Second colour as #RRGGBB; empty: from the prompt",
                std::string());
        in.seed();
        return in.openapi(fileOutput());
    }
    int concurrency() const override { return 4; }

    Result<json::value> predict(PredictContext& ctx) override {
        const std::string prompt = stringInput(ctx, "prompt");
        const std::uint64_t seed = seedInput(ctx);
        Rng rng(seed * 0x9e3779b97f4a7c15ull ^ stableHash(prompt));
        const Noise noise(rng.next());
        const std::string family =
            pickFamily(stringInput(ctx, "shape", "auto"), prompt, rng.next());

        Recipe recipe;
        recipe.detail =
            static_cast<int>(std::clamp<std::int64_t>(intInput(ctx, "detail", 4), 1, 6));
        recipe.bumps = numberInput(ctx, "surface_noise", 0.3);
        recipe.rng = &rng;
        recipe.noise = &noise;
        const Palette palette = Palette::fromPrompt(prompt, seed);
        // Two colour words are the two colours; a mood's palette or a ramp is sampled.
        const bool pair = palette.colors().size() == 2;
        recipe.primary = fromBgr(pair ? palette.colors()[0] : palette.at(0.7));
        recipe.secondary = fromBgr(pair ? palette.colors()[1] : palette.at(0.3));
        if (family == "tree" && !palette.fromWords()) {
            recipe.primary = {0.25f, 0.55f, 0.2f};
            recipe.secondary = {0.45f, 0.3f, 0.18f};
        }
        for (const auto& [name, slot] : {std::pair{"color", &recipe.primary},
                                         std::pair{"secondary_color", &recipe.secondary}}) {
            const std::string text = stringInput(ctx, name);
            if (text.empty())
                continue;
            auto rgb = parseHex(text);
            if (!rgb)
                return makeError(
                    ErrorCode::Unprocessable,
                    std::string(name) + " must be a colour like #cc8844, not \"" + text + "\"");
            *slot = *rgb;
        }
        if (ctx.isCanceled())
            return makeError(ErrorCode::Internal, "canceled");

        Mesh mesh;
        if (family == "blob" || family == "rock")
            mesh = blob(recipe, family == "rock");
        else if (family == "torus")
            mesh = donut(recipe);
        else if (family == "vase")
            mesh = vase(recipe);
        else if (family == "crystal")
            mesh = crystals(recipe);
        else if (family == "tree")
            mesh = tree(recipe);
        else
            mesh = mushroom(recipe);
        if (ctx.isCanceled())
            return makeError(ErrorCode::Internal, "canceled");
        computeNormals(mesh);
        mesh.name = family;
        ctx.log("shape: " + family + ", " + std::to_string(mesh.vertexCount()) + " vertices, " +
                std::to_string(mesh.indices.size() / 3) + " triangles\n");

        return saveGlbOutput(ctx, mesh);
    }
};

}  // namespace

BuiltinModel textTo3dModel() {
    return BuiltinModel{
        "replicant",
        "text-to-3d",
        "Makes a coloured 3D mesh (GLB) from a prompt; a procedural generator, not a neural model",
        "# text-to-3d\n\n"
        "Generates a mesh with vertex colours and writes it as binary glTF (GLB) that passes the "
        "Khronos glTF validator.\n\n"
        "It is a procedural generator with the interface of a text-to-3D model, not a neural "
        "network: the prompt is read only for shape words (vase, pot, rock, asteroid, crystal, "
        "gem, tree, donut, ring, mushroom, planet, orb…) and colour words (red, gold, ocean, "
        "forest…), and the rest comes from seeded noise. Families: `blob`, `rock` (ridged "
        "noise), `torus` (an iced donut), `vase` (a lathed profile with bands), `crystal` (a "
        "cluster of flat-shaded prisms), `tree` and `mushroom`.\n\n"
        "`detail` sets the resolution (up to about 80,000 triangles), `surface_noise` the "
        "bumpiness, `color` and `secondary_color` override the palette (#RRGGBB). The same "
        "inputs and seed give the same file.\n",
        "",
        "cpu",
        "",
        json::object{{"prompt", "a blue and gold vase"}, {"seed", 3}},
        std::make_shared<TextTo3d>()};
}

}  // namespace replicant::backend::runners::builtin
