#include "util/json_text.h"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>

namespace replicant::backend::util {

namespace {
void write(const boost::json::value& v, std::string& out) {
    switch (v.kind()) {
        case boost::json::kind::double_: {
            const double d = v.get_double();
            if (!std::isfinite(d)) {
                out += "null";  // JSON has no NaN or infinity
                return;
            }
            char buf[32];
            const auto r = std::to_chars(buf, buf + sizeof buf, d);
            out.append(buf, r.ptr);
            // Keep it a number with a fraction, as the value was a float.
            if (std::string_view(buf, r.ptr - buf).find_first_of(".e") == std::string_view::npos)
                out += ".0";
            return;
        }
        case boost::json::kind::array: {
            out += '[';
            bool first = true;
            for (const auto& item : v.get_array()) {
                if (!first)
                    out += ',';
                first = false;
                write(item, out);
            }
            out += ']';
            return;
        }
        case boost::json::kind::object: {
            out += '{';
            bool first = true;
            for (const auto& member : v.get_object()) {
                if (!first)
                    out += ',';
                first = false;
                out += boost::json::serialize(boost::json::string_view(member.key()));
                out += ':';
                write(member.value(), out);
            }
            out += '}';
            return;
        }
        default:
            out += boost::json::serialize(v);
    }
}
}  // namespace

std::string toJson(const boost::json::value& value) {
    std::string out;
    write(value, out);
    return out;
}

}  // namespace replicant::backend::util
