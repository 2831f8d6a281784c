// Writes the viewer's sample glTF assets into a folder: for gltf-validator (validate_glb.mjs)
// and as seeds for the fuzzer's corpus.
#include <QGuiApplication>

#include <cstdio>

#include "glb_samples.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: viewer_samples DIR\n");
        return 2;
    }
    const auto paths = replicant::tests::glb::writeAll(QString::fromLocal8Bit(argv[1]));
    for (const QString& path : paths)
        std::printf("%s\n", qPrintable(path));
    return paths.empty() ? 1 : 0;
}
