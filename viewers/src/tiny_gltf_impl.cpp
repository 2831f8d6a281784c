// tinygltf's implementation, compiled into the fuzz build only (see viewers/CMakeLists.txt):
// there the sanitizers and libFuzzer's coverage must see the parser, which Debian's shared
// library, built without them, would hide.
#define TINYGLTF_IMPLEMENTATION
#include <tiny_gltf.h>
