#include "runners/builtin/catalog.h"

namespace replicant::backend::runners::builtin {

std::vector<BuiltinModel> catalog() {
    std::vector<BuiltinModel> models = textModels();
    models.push_back(sleepModel());
    models.push_back(faceDetectModel());
    models.push_back(ocrModel());
    models.push_back(ttsModel());
    for (auto& m : photoModels())
        models.push_back(std::move(m));
    models.push_back(textTo3dModel());
    models.push_back(plyToGlbModel());
    models.push_back(markovTextModel());
    for (auto& m : proceduralImageModels())
        models.push_back(std::move(m));
    return models;
}

}  // namespace replicant::backend::runners::builtin
