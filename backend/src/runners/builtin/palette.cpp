#include "runners/builtin/palette.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "runners/builtin/noise.h"

namespace replicant::backend::runners::builtin {

namespace {
struct Named {
    const char* word;
    std::vector<cv::Vec3f> bgr;
};

const std::vector<Named>& names() {
    static const std::vector<Named> table = {
        {"red", {{40, 30, 200}}},
        {"crimson", {{60, 20, 160}}},
        {"orange", {{30, 140, 250}}},
        {"yellow", {{40, 220, 250}}},
        {"gold", {{40, 180, 230}}},
        {"golden", {{40, 180, 230}}},
        {"green", {{60, 170, 60}}},
        {"emerald", {{110, 160, 20}}},
        {"teal", {{140, 140, 20}}},
        {"cyan", {{230, 220, 60}}},
        {"blue", {{210, 110, 30}}},
        {"navy", {{100, 30, 10}}},
        {"purple", {{150, 40, 120}}},
        {"violet", {{220, 90, 150}}},
        {"pink", {{190, 140, 250}}},
        {"magenta", {{200, 40, 220}}},
        {"white", {{245, 245, 245}}},
        {"black", {{15, 15, 15}}},
        {"gray", {{128, 128, 128}}},
        {"grey", {{128, 128, 128}}},
        {"brown", {{40, 80, 130}}},
        {"silver", {{200, 195, 190}}},
        {"sunset", {{90, 40, 60}, {80, 60, 220}, {60, 140, 250}, {120, 220, 255}}},
        {"sunrise", {{160, 120, 90}, {150, 150, 250}, {120, 210, 255}}},
        {"ocean", {{60, 20, 10}, {140, 90, 20}, {190, 170, 60}, {230, 230, 200}}},
        {"sea", {{80, 40, 10}, {160, 120, 30}, {220, 210, 150}}},
        {"forest", {{20, 40, 15}, {40, 100, 40}, {70, 150, 90}, {60, 110, 140}}},
        {"fire", {{10, 10, 60}, {20, 40, 200}, {30, 140, 250}, {150, 240, 255}}},
        {"lava", {{10, 5, 40}, {10, 30, 180}, {40, 160, 255}}},
        {"ice", {{120, 60, 30}, {220, 180, 120}, {250, 240, 230}}},
        {"night", {{30, 10, 10}, {90, 30, 40}, {140, 60, 110}, {200, 190, 230}}},
        {"desert", {{60, 110, 170}, {110, 170, 220}, {170, 210, 240}}},
        {"neon", {{250, 40, 200}, {240, 240, 40}, {60, 250, 120}}},
        {"pastel", {{220, 200, 250}, {200, 240, 210}, {250, 220, 190}}},
        {"autumn", {{20, 60, 140}, {30, 110, 210}, {40, 170, 230}, {40, 60, 100}}},
    };
    return table;
}

std::vector<std::string> wordsOf(const std::string& prompt) {
    std::vector<std::string> words(1);
    for (char c : prompt) {
        if (std::isalpha(static_cast<unsigned char>(c)))
            words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!words.back().empty())
            words.emplace_back();
    }
    return words;
}

cv::Vec3f hsv(double h, double s, double v) {
    // HSV → BGR, h in [0, 1).
    const double i = std::floor(h * 6), f = h * 6 - i;
    const double p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
    double r, g, b;
    switch (static_cast<int>(i) % 6) {
        case 0:
            r = v, g = t, b = p;
            break;
        case 1:
            r = q, g = v, b = p;
            break;
        case 2:
            r = p, g = v, b = t;
            break;
        case 3:
            r = p, g = q, b = v;
            break;
        case 4:
            r = t, g = p, b = v;
            break;
        default:
            r = v, g = p, b = q;
            break;
    }
    return cv::Vec3f(static_cast<float>(b * 255), static_cast<float>(g * 255),
                     static_cast<float>(r * 255));
}
}  // namespace

Palette Palette::fromPrompt(const std::string& prompt, std::uint64_t seed) {
    Palette palette;
    for (const std::string& word : wordsOf(prompt))
        for (const Named& named : names())
            if (word == named.word)
                palette.colors_.insert(palette.colors_.end(), named.bgr.begin(), named.bgr.end());
    palette.fromWords_ = !palette.colors_.empty();
    Rng rng(seed * 0x9e3779b97f4a7c15ull + 17);
    if (palette.colors_.size() == 1) {
        // One named colour: a ramp from its shadow to its highlight.
        const cv::Vec3f c = palette.colors_[0];
        palette.colors_ = {c * 0.2f, c * 0.6f, c, c * 0.5f + cv::Vec3f(127, 127, 127)};
    } else if (palette.colors_.empty()) {
        // An analogous harmony with one accent, from the hue the seed picks.
        const double base = rng.uniform();
        palette.colors_ = {hsv(base, 0.7, 0.15), hsv(std::fmod(base + 0.08, 1.0), 0.75, 0.55),
                           hsv(std::fmod(base + 0.16, 1.0), 0.6, 0.9),
                           hsv(std::fmod(base + 0.5, 1.0), 0.5, 1.0)};
    }
    return palette;
}

cv::Vec3f Palette::at(double t) const {
    if (colors_.size() == 1)
        return colors_[0];
    t = std::clamp(t, 0.0, 1.0) * static_cast<double>(colors_.size() - 1);
    const auto i = std::min(static_cast<std::size_t>(t), colors_.size() - 2);
    const auto f = static_cast<float>(t - static_cast<double>(i));
    return colors_[i] * (1 - f) + colors_[i + 1] * f;
}

cv::Vec3f Palette::darkest() const {
    return *std::min_element(colors_.begin(), colors_.end(), [](const auto& a, const auto& b) {
        return a[0] + a[1] + a[2] < b[0] + b[1] + b[2];
    });
}

}  // namespace replicant::backend::runners::builtin
