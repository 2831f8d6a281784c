// The cost estimate: the price table covers every hardware SKU the platform knows (read from
// backend/src/core/hardware.cpp, so adding a SKU there without a price fails here), the
// arithmetic, the assumption stated when a model does not name its hardware, and the money
// format.
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include "replicant/ui/client/hardware_price.h"

using namespace replicant::ui;

class HardwarePriceTest : public QObject {
    Q_OBJECT

private slots:
    void everyPlatformSkuHasAPrice();
    void estimatesFromPredictTime();
    void statesTheAssumedHardware();
    void refusesWhatItCannotPrice();
    void formatsMoney();
};

void HardwarePriceTest::everyPlatformSkuHasAPrice() {
    QFile file(QStringLiteral(REPLICANT_SOURCE_DIR "/backend/src/core/hardware.cpp"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString source = QString::fromUtf8(file.readAll());
    static const QRegularExpression sku(QStringLiteral(R"re(\{"((?:cpu|gpu)[a-z0-9-]*)", ")re"));
    int count = 0;
    for (auto it = sku.globalMatch(source); it.hasNext(); ++count) {
        const QString name = it.next().captured(1);
        const auto price = hardwarePrice(name);
        QVERIFY2(price, qPrintable(name + QStringLiteral(" has no price")));
        QVERIFY(price->usdPerSecond > 0);
        QVERIFY(!price->name.isEmpty());
    }
    QVERIFY2(count >= 7, "the SKU list was not found in hardware.cpp");
}

void HardwarePriceTest::estimatesFromPredictTime() {
    // Replicate's published rates: CPU $0.000100/s, T4 $0.000225/s, A100 (80GB) $0.001400/s.
    auto cpu = estimateCost(QStringLiteral("cpu"), 4.2);
    QVERIFY(cpu);
    QCOMPARE(cpu->usd, 0.00042);
    QVERIFY(!cpu->assumed);
    auto t4 = estimateCost(QStringLiteral("gpu-t4"), 20);
    QCOMPARE(t4->usd, 0.0045);
    QCOMPARE(t4->hardware.name, QStringLiteral("Nvidia T4 GPU"));
    auto a100 = estimateCost(QStringLiteral("gpu-a100-large"), 3600);
    QVERIFY(qFuzzyCompare(a100->usd, 5.04));
    QCOMPARE(estimateCost(QStringLiteral("gpu-h100"), 0)->usd, 0.0);
    QCOMPARE(describeCost(*t4),
             QStringLiteral("Estimated cost $0.0045 (Nvidia T4 GPU at $0.000225/s)"));
}

void HardwarePriceTest::statesTheAssumedHardware() {
    auto unknown = estimateCost(QString(), 2);
    QVERIFY(unknown);
    QVERIFY(unknown->assumed);
    QCOMPARE(unknown->hardware.sku, kAssumedHardware);
    QCOMPARE(unknown->usd, 0.0002);
    const QString text = describeCost(*unknown);
    QVERIFY2(text.contains(QLatin1String("CPU assumed")), qPrintable(text));
    QVERIFY(text.startsWith(QLatin1String("Estimated cost $0.0002")));
}

void HardwarePriceTest::refusesWhatItCannotPrice() {
    QVERIFY(!estimateCost(QStringLiteral("gpu-tpu-v9"), 1));
    QVERIFY(!estimateCost(QStringLiteral("cpu"), -1));
    QVERIFY(!estimateCost(QStringLiteral("cpu"), std::numeric_limits<double>::quiet_NaN()));
    QVERIFY(!estimateCost(QStringLiteral("cpu"), std::numeric_limits<double>::infinity()));
}

void HardwarePriceTest::formatsMoney() {
    QCOMPARE(formatUsd(0), QStringLiteral("$0"));
    QCOMPARE(formatUsd(0.00042), QStringLiteral("$0.00042"));
    QCOMPARE(formatUsd(0.0012), QStringLiteral("$0.0012"));
    QCOMPARE(formatUsd(0.12), QStringLiteral("$0.12"));
    QCOMPARE(formatUsd(0.5), QStringLiteral("$0.50"));
    QCOMPARE(formatUsd(5.04), QStringLiteral("$5.04"));
    QCOMPARE(formatUsd(1234.5), QStringLiteral("$1234.50"));
    QCOMPARE(formatUsd(1e-9), QStringLiteral("< $0.000001"));
    QCOMPARE(formatUsd(0.0000026), QStringLiteral("$0.0000026"));
}

QTEST_MAIN(HardwarePriceTest)
#include "test_hardware_price.moc"
