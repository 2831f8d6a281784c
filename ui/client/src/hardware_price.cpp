#include "replicant/ui/client/hardware_price.h"

#include <QCoreApplication>

#include <array>
#include <cmath>

namespace replicant::ui {

namespace {
// Replicate's public per-second prices, from https://replicate.com/pricing (the "Hardware"
// table) as published in 2025 and unchanged when read on 2026-11-27. One row per SKU of
// backend/src/core/hardware.cpp; update both together.
const std::array<HardwarePrice, 7> kPrices = {{
    {QStringLiteral("cpu"), QStringLiteral("CPU"), 0.000100},
    {QStringLiteral("gpu-t4"), QStringLiteral("Nvidia T4 GPU"), 0.000225},
    {QStringLiteral("gpu-l40s"), QStringLiteral("Nvidia L40S GPU"), 0.000975},
    {QStringLiteral("gpu-a40-small"), QStringLiteral("Nvidia A40 GPU"), 0.000575},
    {QStringLiteral("gpu-a40-large"), QStringLiteral("Nvidia A40 (Large) GPU"), 0.000725},
    {QStringLiteral("gpu-a100-large"), QStringLiteral("Nvidia A100 (80GB) GPU"), 0.001400},
    {QStringLiteral("gpu-h100"), QStringLiteral("Nvidia H100 GPU"), 0.001525},
}};
}  // namespace

std::optional<HardwarePrice> hardwarePrice(const QString& sku) {
    for (const HardwarePrice& price : kPrices) {
        if (price.sku == sku)
            return price;
    }
    return std::nullopt;
}

std::optional<CostEstimate> estimateCost(const QString& sku, double seconds) {
    if (!(seconds >= 0) || !std::isfinite(seconds))
        return std::nullopt;
    const bool assumed = sku.isEmpty();
    const auto price = hardwarePrice(assumed ? kAssumedHardware : sku);
    if (!price)
        return std::nullopt;
    return CostEstimate{*price, assumed, seconds, seconds * price->usdPerSecond};
}

QString formatUsd(double usd) {
    if (usd >= 1.0)
        return QStringLiteral("$%1").arg(usd, 0, 'f', 2);
    if (usd == 0)
        return QStringLiteral("$0");
    if (usd < 0.000001)  // a few milliseconds: more digits would say nothing more
        return QStringLiteral("< $0.000001");
    // Two significant digits, at least to the cent: $0.12, $0.0012, $0.000023.
    const int digits = std::max(2, 1 - int(std::floor(std::log10(usd))));
    return QStringLiteral("$%1").arg(usd, 0, 'f', std::min(digits, 8));
}

QString describeCost(const CostEstimate& e) {
    const QString rate = QStringLiteral("$%1/s").arg(e.hardware.usdPerSecond, 0, 'f', 6);
    const QString on =
        e.assumed ? QCoreApplication::translate(
                        "Cost", "%1 assumed: the model does not say its hardware; %2")
                        .arg(e.hardware.name, rate)
                  : QCoreApplication::translate("Cost", "%1 at %2").arg(e.hardware.name, rate);
    return QCoreApplication::translate("Cost", "Estimated cost %1 (%2)").arg(formatUsd(e.usd), on);
}

}  // namespace replicant::ui
