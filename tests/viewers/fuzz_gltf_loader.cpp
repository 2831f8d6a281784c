// libFuzzer target for the glTF loader: bytes in, a scene or a message out, never a crash, a
// sanitizer report or a hang. Built only in the fuzz build (-DREPLICANT_FUZZ=ON, see fuzz.sh),
// where tinygltf's parser is compiled with the same instrumentation.
#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "replicant/viewers/gltf_loader.h"

// Qt's image readers report corrupt PNGs through qWarning; at thousands of inputs a second
// that would bury the sanitizer's report in the log.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString&) {});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace replicant::viewers;
    GltfLoadOptions options;
    options.allowExternalFiles = false;  // data URIs and the GLB chunk only
    // Lower than the viewer's limits so that the fuzzer's memory limit is not what stops it.
    options.maxGeometryBytes = std::uint64_t(64) * 1024 * 1024;
    options.maxImagePixels = 1024 * 1024;
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const GltfLoadResult result = loadGltfBytes(bytes, QString(), options);
    if (!result.ok())
        return 0;
    // What the viewer does next with a scene: pose it and measure it.
    const GltfScene& scene = *result.scene();
    const int animations = int(std::min<std::size_t>(scene.animations.size(), 3));
    for (int a = -1; a < animations; ++a)
        scene.animatedBounds(a);
    return 0;
}
