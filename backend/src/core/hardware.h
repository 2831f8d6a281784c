#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace replicant::backend::core {

struct Hardware {
    std::string sku;
    std::string name;
};

// The hardware classes models declare. Locally everything runs on this machine; the classes
// matter for model metadata and cost estimates.
const std::vector<Hardware>& hardwareList();
bool knownHardware(std::string_view sku);

}  // namespace replicant::backend::core
