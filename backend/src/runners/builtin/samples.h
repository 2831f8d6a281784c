#pragma once

#include <opencv2/core.hpp>

#include <string>

namespace replicant::backend::runners::builtin {

// Inputs for the models' default examples, drawn here rather than shipped, so that every model
// page has a worked example from the first start, offline, with nothing to license.
enum class SampleImage {
    Scene,  // a 384×256 landscape: sky, sun, hills, a lake, a tree
    Small,  // the same scene at 192×128, to enlarge
    Noisy,  // the scene at 288×192 with Gaussian noise, to clean up
    Text,   // a sentence in large type, to read back
    Face,   // a drawn face, to find
};

cv::Mat sampleImage(SampleImage which);
// The sample as a data: URI (PNG, or JPEG for the photographic ones).
std::string sampleImageDataUri(SampleImage which);
// The sentence the Text sample shows.
const char* sampleSentence();
// A small coloured ASCII PLY mesh (an octahedron) as a data: URI.
std::string samplePlyDataUri();

}  // namespace replicant::backend::runners::builtin
