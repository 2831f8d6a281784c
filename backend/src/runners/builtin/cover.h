#pragma once

#include <string>

namespace replicant::backend::runners::builtin {

// A title card for a model whose outputs are not images (text, audio, meshes): a gradient
// chosen from the name, with the name and a line of description. PNG bytes.
std::string renderCoverPng(const std::string& title, const std::string& subtitle);

}  // namespace replicant::backend::runners::builtin
