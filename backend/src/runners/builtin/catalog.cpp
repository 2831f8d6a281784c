#include "runners/builtin/catalog.h"

namespace replicant::backend::runners::builtin {

std::vector<BuiltinModel> catalog() {
    std::vector<BuiltinModel> models = textModels();
    models.push_back(sleepModel());
    return models;
}

}  // namespace replicant::backend::runners::builtin
