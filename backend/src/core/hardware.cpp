#include "core/hardware.h"

#include <algorithm>

namespace replicant::backend::core {

const std::vector<Hardware>& hardwareList() {
    // The real API's list (reference/replicate-api.md §4.8), plus the current large GPUs.
    static const std::vector<Hardware> list = {
        {"cpu", "CPU"},
        {"gpu-t4", "Nvidia T4 GPU"},
        {"gpu-l40s", "Nvidia L40S GPU"},
        {"gpu-a40-small", "Nvidia A40 GPU"},
        {"gpu-a40-large", "Nvidia A40 (Large) GPU"},
        {"gpu-a100-large", "Nvidia A100 (80GB) GPU"},
        {"gpu-h100", "Nvidia H100 GPU"},
    };
    return list;
}

bool knownHardware(std::string_view sku) {
    const auto& list = hardwareList();
    return std::any_of(list.begin(), list.end(), [&](const Hardware& h) { return h.sku == sku; });
}

}  // namespace replicant::backend::core
