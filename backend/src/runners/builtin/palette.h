#pragma once

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace replicant::backend::runners::builtin {

// Colours for the procedural generators, read from the prompt: colour names ("red", "teal") and
// moods ("sunset", "ocean", "forest") give their colours; a prompt without any gets a harmony
// derived from its hash and the seed. Colours are BGR, 0–255.
class Palette {
public:
    static Palette fromPrompt(const std::string& prompt, std::uint64_t seed);

    // A colour along the gradient through the palette's colours, t in [0, 1].
    cv::Vec3f at(double t) const;
    const std::vector<cv::Vec3f>& colors() const { return colors_; }
    // The darkest colour, for backgrounds.
    cv::Vec3f darkest() const;
    // True when the prompt named the colours; false when they were derived from the seed.
    bool fromWords() const { return fromWords_; }

private:
    std::vector<cv::Vec3f> colors_;
    bool fromWords_ = false;
};

}  // namespace replicant::backend::runners::builtin
