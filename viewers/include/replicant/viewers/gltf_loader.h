#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "replicant/viewers/gltf_scene.h"

namespace replicant::viewers {

struct GltfLoadOptions {
    // Called on the loading thread with 0..100 and a short description of the stage.
    std::function<void(int percent, const QString& stage)> progress;
    // Checked between stages; when it turns true the load stops with GltfLoadResult::cancelled().
    const std::atomic<bool>* cancel = nullptr;
    // Whether a .gltf may read external buffers and images next to it. Off for data from
    // elsewhere (the fuzzer): then only data: URIs and the GLB's own chunk are read.
    bool allowExternalFiles = true;
    // Limits on what decoded data may cost, so that a small file cannot ask for unbounded
    // memory (many primitives or animation channels reusing one large accessor, a few small
    // PNGs that each claim 16000 × 16000 pixels). Going over one is a clear error or warning,
    // never an allocation. The geometry budget covers vertex data, indices and animation
    // keys; the image budget is the total of all images' pixels.
    std::uint64_t maxGeometryBytes = std::uint64_t(6) * 1024 * 1024 * 1024;
    qint64 maxImagePixels = qint64(16384) * 16384;
};

// Either a scene or a message a person can act on; never both.
class GltfLoadResult {
public:
    GltfLoadResult() = default;  // neither: what a future holds before it has a result
    static GltfLoadResult success(std::shared_ptr<const GltfScene> scene) {
        GltfLoadResult r;
        r.m_scene = std::move(scene);
        return r;
    }
    static GltfLoadResult failure(QString error) {
        GltfLoadResult r;
        r.m_error = std::move(error);
        return r;
    }
    static GltfLoadResult cancelled() {
        GltfLoadResult r = failure(QStringLiteral("Loading was cancelled."));
        r.m_cancelled = true;
        return r;
    }

    bool ok() const { return m_scene != nullptr; }
    bool wasCancelled() const { return m_cancelled; }
    const std::shared_ptr<const GltfScene>& scene() const { return m_scene; }
    const QString& error() const { return m_error; }

private:
    std::shared_ptr<const GltfScene> m_scene;
    QString m_error;
    bool m_cancelled = false;
};

// Loads a .glb or .gltf file (told apart by content, not by name). Safe to call on any thread;
// never throws. Files larger than kMaxGltfFileSize are refused.
GltfLoadResult loadGltfFile(const QString& path, const GltfLoadOptions& options = {});

// Loads GLB or glTF JSON from memory; external URIs resolve against baseDir when
// options.allowExternalFiles is set.
GltfLoadResult loadGltfBytes(const QByteArray& bytes, const QString& baseDir,
                             const GltfLoadOptions& options = {});

// tinygltf addresses GLB data with 32-bit sizes; beyond 2 GiB nothing would load anyway.
inline constexpr qint64 kMaxGltfFileSize = qint64(2) * 1024 * 1024 * 1024 - 1;

}  // namespace replicant::viewers
