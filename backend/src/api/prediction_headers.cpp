#include "api/prediction_headers.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace replicant::backend::api {

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

bool allDigits(std::string_view s) {
    return !s.empty() && s.size() <= 9 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

Result<std::optional<std::chrono::seconds>> parsePreferWait(std::string_view header) {
    header = trim(header);
    if (header.empty())
        return std::optional<std::chrono::seconds>{};
    // Preferences are comma separated; only `wait` means anything here.
    std::size_t start = 0;
    while (start <= header.size()) {
        auto end = header.find(',', start);
        auto item = trim(header.substr(start, end == std::string_view::npos ? end : end - start));
        if (item == "wait")
            return std::optional(std::chrono::seconds(60));
        if (item.starts_with("wait=")) {
            auto value = item.substr(5);
            if (!allDigits(value) || std::stol(std::string(value)) < 1)
                return makeError(ErrorCode::BadRequest,
                                 "Invalid Prefer header: wait must be `wait` or `wait=N` with N "
                                 "between 1 and 60 seconds.",
                                 "Invalid Prefer header");
            return std::optional(
                std::chrono::seconds(std::min(60L, std::stol(std::string(value)))));
        }
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return std::optional<std::chrono::seconds>{};
}

Result<std::chrono::seconds> parseCancelAfter(std::string_view header) {
    const auto bad = [&] {
        return makeError(ErrorCode::BadRequest,
                         "Invalid Cancel-After header \"" + std::string(header) +
                             "\": use seconds (\"30\") or a duration such as \"90s\", \"5m\" or "
                             "\"1h30m\", at least 5 seconds.",
                         "Invalid Cancel-After header");
    };
    auto s = trim(header);
    if (allDigits(s)) {
        auto secs = std::chrono::seconds(std::stol(std::string(s)));
        return secs < std::chrono::seconds(5) ? Result<std::chrono::seconds>(bad()) : secs;
    }
    long total = 0;
    std::size_t i = 0;
    char lastUnit = 0;
    while (i < s.size()) {
        std::size_t j = i;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9')
            ++j;
        if (j == i || j == s.size() || j - i > 9)
            return bad();
        const long n = std::stol(std::string(s.substr(i, j - i)));
        const char unit = s[j];
        // Units must come in order h, m, s, each at most once.
        const int rank = unit == 'h' ? 1 : unit == 'm' ? 2 : unit == 's' ? 3 : 0;
        const int lastRank = lastUnit == 'h' ? 1 : lastUnit == 'm' ? 2 : lastUnit == 's' ? 3 : 0;
        if (rank == 0 || rank <= lastRank)
            return bad();
        total += n * (unit == 'h' ? 3600 : unit == 'm' ? 60 : 1);
        lastUnit = unit;
        i = j + 1;
    }
    if (lastUnit == 0 || total < 5)
        return bad();
    return std::chrono::seconds(total);
}

}  // namespace replicant::backend::api
