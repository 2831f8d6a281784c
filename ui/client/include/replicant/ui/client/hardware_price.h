#pragma once

#include <QString>

#include <optional>

namespace replicant::ui {

// What a prediction would cost on Replicate's hardware: the per-second price of each hardware
// SKU the platform knows (backend/src/core/hardware.cpp), in one table. These are Replicate's
// published prices; a local run costs nothing, so the app shows them as an estimate.
struct HardwarePrice {
    QString sku;   // "cpu", "gpu-t4", ...
    QString name;  // "Nvidia T4 GPU"
    double usdPerSecond = 0;
};

// The price of `sku`, nullopt for a SKU not in the table.
std::optional<HardwarePrice> hardwarePrice(const QString& sku);

// The hardware a model runs on when its JSON does not say (the real API's model object has no
// hardware field): CPU, which is what every built-in model uses.
inline const QString kAssumedHardware = QStringLiteral("cpu");

struct CostEstimate {
    HardwarePrice hardware;
    bool assumed = false;  // the model did not name its hardware
    double seconds = 0;
    double usd = 0;
};

// `seconds` of predict time on `sku` (empty: kAssumedHardware); nullopt for an unknown SKU or a
// negative time.
std::optional<CostEstimate> estimateCost(const QString& sku, double seconds);

// "$0.00012": two significant digits below a dollar, "$1.23" above, "< $0.000001" for less.
QString formatUsd(double usd);
// "Estimated cost $0.00042 (CPU at $0.000100/s)"; "(CPU assumed…)" when the hardware was.
QString describeCost(const CostEstimate& estimate);

}  // namespace replicant::ui
