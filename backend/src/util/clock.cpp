#include "util/clock.h"

#include <cstdio>
#include <ctime>

namespace replicant::backend::util {

std::string rfc3339(std::chrono::system_clock::time_point t) {
    return rfc3339(std::chrono::floor<std::chrono::microseconds>(t));
}

std::string rfc3339(MicroTime t) {
    const auto secs = std::chrono::floor<std::chrono::seconds>(t);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t - secs).count();
    const std::time_t tt = static_cast<std::time_t>(secs.time_since_epoch().count());
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<long>(micros));
    return buf;
}

std::string nowRfc3339() {
    return rfc3339(std::chrono::system_clock::now());
}

double seconds(std::chrono::system_clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// Reads [.fraction] at `pos` into microseconds.
bool fraction(std::string_view s, std::size_t& pos, long& micros) {
    if (pos >= s.size() || s[pos] != '.')
        return true;
    long scale = 100000;
    const std::size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        micros += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
    }
    return pos != start;
}

// Reads Z or +HH:MM / -HH:MM at `pos`, which must end the text.
bool zone(std::string_view s, std::size_t& pos, int& offsetMinutes) {
    if (pos == s.size())
        return true;
    if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
        ++pos;
        return true;
    }
    int oh, om;
    if ((s[pos] != '+' && s[pos] != '-') || !digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() ||
        s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) || pos + 6 != s.size())
        return false;
    offsetMinutes = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
    pos += 6;
    return true;
}
}  // namespace

std::optional<MicroTime> parseRfc3339(std::string_view s) {
    std::tm tm{};
    int year, month, day;
    if (s.size() < 10 || !digits(s, 0, 4, year) || s[4] != '-' || !digits(s, 5, 2, month) ||
        s[7] != '-' || !digits(s, 8, 2, day) || month < 1 || month > 12 || day < 1 || day > 31)
        return std::nullopt;
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    std::size_t pos = 10;
    long micros = 0;
    int offsetMinutes = 0;
    if (pos < s.size()) {
        int h, m, sec = 0;
        if ((s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') || !digits(s, pos + 1, 2, h) ||
            pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, m) || h > 23 ||
            m > 59)
            return std::nullopt;
        pos += 6;
        if (pos < s.size() && s[pos] == ':') {
            if (!digits(s, pos + 1, 2, sec) || sec > 60)
                return std::nullopt;
            pos += 3;
        }
        if (!fraction(s, pos, micros) || !zone(s, pos, offsetMinutes))
            return std::nullopt;
        tm.tm_hour = h;
        tm.tm_min = m;
        tm.tm_sec = sec;
    }
    if (pos != s.size())
        return std::nullopt;
    const std::time_t t = timegm(&tm);
    return MicroTime(std::chrono::seconds(t)) - std::chrono::minutes(offsetMinutes) +
           std::chrono::microseconds(micros);
}

}  // namespace replicant::backend::util
