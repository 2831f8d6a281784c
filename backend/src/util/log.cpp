#include "util/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "util/clock.h"

namespace replicant::backend::util {

namespace {
std::mutex g_mutex;
std::atomic<bool> g_enabled{true};

void write(std::string_view level, std::string_view message) {
    const std::string line = nowRfc3339() + " " + std::string(level) + " " + std::string(message);
    std::lock_guard lock(g_mutex);
    std::fprintf(stderr, "%s\n", line.c_str());
}
}  // namespace

void logInfo(std::string_view message) {
    if (g_enabled)
        write("INFO", message);
}
void logError(std::string_view message) {
    write("ERROR", message);
}
void setLogEnabled(bool enabled) {
    g_enabled = enabled;
}

}  // namespace replicant::backend::util
