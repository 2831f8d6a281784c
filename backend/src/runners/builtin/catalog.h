#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "runners/runner.h"

namespace replicant::backend::runners::builtin {

// A model that ships with Replicant, with everything the model page shows.
struct BuiltinModel {
    std::string owner;
    std::string name;
    std::string description;
    std::string readme;     // Markdown
    std::string versionId;  // fixed, so code written against it keeps working; empty: derived
    std::string hardware = "cpu";
    std::string githubUrl;
    boost::json::object exampleInput;  // runs once at first start to become default_example
    RunnerPtr runner;
};

std::vector<BuiltinModel> catalog();

// One function per model (or family), each in its own file; catalog() lists them.
std::vector<BuiltinModel> textModels();  // hello-world, canary
BuiltinModel sleepModel();
BuiltinModel faceDetectModel();
BuiltinModel ocrModel();
BuiltinModel ttsModel();
std::vector<BuiltinModel> photoModels();  // stylize, upscale, denoise
BuiltinModel textTo3dModel();
BuiltinModel plyToGlbModel();
BuiltinModel markovTextModel();
std::vector<BuiltinModel> proceduralImageModels();  // plasma, voronoi, flow-field

}  // namespace replicant::backend::runners::builtin
