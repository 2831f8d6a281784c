#include "core/input_validation.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <regex>
#include <string>

// Validation mirrors what the real platform reports (reference/replicate-api.md §2.5): error types
// and descriptions are gojsonschema's, fields are "input" / "input.<path>". The schema dialect is
// Cog's OpenAPI 3.0 output (reference/cog-protocol.md §13.2).

namespace replicant::backend::core {
namespace {

namespace json = boost::json;

// Cog schemas nest a few levels at most; the cap stops `$ref` cycles in hostile documents.
constexpr int kMaxDepth = 32;

bool isNumber(const json::value& v) {
    return v.is_int64() || v.is_uint64() || v.is_double();
}

double toDouble(const json::value& v) {
    if (v.is_int64())
        return static_cast<double>(v.get_int64());
    if (v.is_uint64())
        return static_cast<double>(v.get_uint64());
    return v.get_double();
}

// JSON Schema counts 4.0 as an integer: integer-ness is about the value, not the spelling.
bool isInteger(const json::value& v) {
    if (v.is_int64() || v.is_uint64())
        return true;
    return v.is_double() && std::isfinite(v.get_double()) &&
           std::trunc(v.get_double()) == v.get_double();
}

// gojsonschema's name for a value's type, as printed in "given: ...".
std::string givenType(const json::value& v) {
    switch (v.kind()) {
        case json::kind::null:
            return "null";
        case json::kind::bool_:
            return "boolean";
        case json::kind::string:
            return "string";
        case json::kind::array:
            return "array";
        case json::kind::object:
            return "object";
        default:
            return isInteger(v) ? "integer" : "number";
    }
}

bool hasType(const json::value& v, std::string_view type) {
    if (type == "integer")
        return isInteger(v);
    if (type == "number")
        return isNumber(v);
    return givenType(v) == type;
}

bool isTrue(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_bool() && it->value().get_bool();
}

std::optional<double> numberAt(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || !isNumber(it->value()))
        return std::nullopt;
    return toDouble(it->value());
}

// gojsonschema prints bounds through big.Float's String(), i.e. %g with 10 significant digits.
std::string formatBound(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", x);
    return buf;
}

// An enum member as Go's json.Marshal writes it (shortest round-trip doubles, not Boost's 2.5E-1).
std::string jsonText(const json::value& v) {
    if (!v.is_double())
        return json::serialize(v);
    char buf[32];
    auto end = std::to_chars(buf, buf + sizeof buf, v.get_double()).ptr;
    return std::string(buf, end);
}

bool sameValue(const json::value& a, const json::value& b) {
    if (isNumber(a) && isNumber(b))
        return toDouble(a) == toDouble(b);
    return a == b;
}

std::size_t utf8Length(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string joinPath(const std::string& path, std::string_view name) {
    return path.empty() ? std::string(name) : path + "." + std::string(name);
}

// ---- format: uri ---------------------------------------------------------------------------
// gojsonschema's "uri" checker accepts what Go's url.Parse accepts and that has a scheme. Go is
// lenient, so this checks only what it rejects: a bad or missing scheme, control characters, bad
// %-escapes in a hierarchical path, and a space or non-numeric port in the authority.

bool validScheme(std::string_view scheme) {
    if (scheme.empty() || !std::isalpha(static_cast<unsigned char>(scheme[0])))
        return false;
    return std::all_of(scheme.begin(), scheme.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    });
}

bool validEscapes(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%')
            continue;
        if (i + 2 >= s.size())
            return false;
        if (!std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(s[i + 2])))
            return false;
        i += 2;
    }
    return true;
}

bool validAuthority(std::string_view authority) {
    auto host = authority.substr(
        authority.find('@') == std::string_view::npos ? 0 : authority.find('@') + 1);
    if (host.find(' ') != std::string_view::npos)
        return false;
    auto colon = host.rfind(':');
    if (colon == std::string_view::npos || host.find(']', colon) != std::string_view::npos)
        return true;
    auto port = host.substr(colon + 1);
    return std::all_of(port.begin(), port.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool isUri(std::string_view s) {
    if (std::any_of(s.begin(), s.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
        return false;
    auto colon = s.find(':');
    if (colon == std::string_view::npos || !validScheme(s.substr(0, colon)))
        return false;
    auto rest = s.substr(colon + 1);
    rest = rest.substr(0, rest.find_first_of("?#"));
    if (!rest.starts_with("/"))
        return true;  // opaque, like data: and mailto:; Go checks nothing more there
    if (rest.starts_with("//")) {
        rest.remove_prefix(2);
        auto slash = rest.find('/');
        if (!validAuthority(rest.substr(0, slash)))
            return false;
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    }
    return validEscapes(rest);
}

// ---- schema walking -------------------------------------------------------------------------

// One JSON pointer token with its escapes undone ("~1" is "/", "~0" is "~").
std::string pointerToken(std::string_view raw) {
    std::string token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1'))
            token += raw[++i] == '0' ? '~' : '/';
        else
            token += raw[i];
    }
    return token;
}

// Follows "#/components/schemas/..." style JSON pointers within the OpenAPI document.
const json::object* resolvePointer(const json::object& document, std::string_view ref) {
    if (!ref.starts_with("#/"))
        return nullptr;
    ref.remove_prefix(2);
    const json::object* current = &document;
    while (true) {
        auto slash = ref.find('/');
        auto node = current->if_contains(pointerToken(ref.substr(0, slash)));
        if (!node || !node->is_object())
            return nullptr;
        current = &node->get_object();
        if (slash == std::string_view::npos)
            return current;
        ref.remove_prefix(slash + 1);
    }
}

// OpenAPI 3.0 ignores a `$ref`'s siblings, so a reference stands for its target entirely. An
// unresolvable reference is skipped rather than failing every input of a slightly broken schema.
const json::object& deref(const json::object& document, const json::object& schema) {
    const json::object* current = &schema;
    for (int hops = 0; hops < kMaxDepth; ++hops) {
        auto ref = current->if_contains("$ref");
        if (!ref || !ref->is_string())
            break;
        auto target = resolvePointer(document, ref->get_string());
        if (!target)
            break;
        current = target;
    }
    return *current;
}

struct Property {
    std::string_view name;
    const json::object* schema;
    double order;
};

// Properties sorted by `x-order` (the predict() signature order); unordered ones keep document
// order after them.
std::vector<Property> orderedProperties(const json::object& schema) {
    std::vector<Property> result;
    auto properties = schema.if_contains("properties");
    if (!properties || !properties->is_object())
        return result;
    for (const auto& member : properties->get_object()) {
        if (!member.value().is_object())
            continue;
        const auto& property = member.value().get_object();
        auto order = numberAt(property, "x-order").value_or(std::numeric_limits<double>::max());
        result.push_back({member.key(), &property, order});
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const Property& a, const Property& b) { return a.order < b.order; });
    return result;
}

const json::array* arrayAt(const json::object& o, std::string_view key) {
    auto v = o.if_contains(key);
    return v && v->is_array() ? &v->get_array() : nullptr;
}

// ---- the checker ----------------------------------------------------------------------------

// Checks one value against one schema, collecting gojsonschema-style errors. `path` is relative to
// `input`: "" for the input object itself, "steps", "tags.0".
class Checker {
public:
    Checker(const json::object& document, std::vector<FieldError>& errors)
        : document_(document), errors_(errors) {}

    void add(std::string type, const std::string& path, std::string description) {
        errors_.push_back(
            {std::move(type), path.empty() ? "input" : "input." + path, std::move(description)});
    }

    void check(const json::object& rawSchema, const json::value& value, const std::string& path,
               int depth = 0) {
        if (depth > kMaxDepth)
            return;
        const json::object& schema = deref(document_, rawSchema);
        if (value.is_null() && isTrue(schema, "nullable"))
            return;
        // Like gojsonschema: a value of the wrong type gets that one error and no others.
        if (!checkType(schema, value, path))
            return;
        checkAllOf(schema, value, path, depth);
        checkAnyOf(schema, value, path, depth);
        checkEnum(schema, value, path);
        if (isNumber(value))
            checkNumber(schema, toDouble(value), path);
        else if (value.is_string())
            checkString(schema, value.get_string(), path);
        else if (value.is_array())
            checkArray(schema, value.get_array(), path, depth);
        else if (value.is_object())
            checkObject(schema, value.get_object(), path, depth);
    }

private:
    bool checkType(const json::object& schema, const json::value& value, const std::string& path) {
        std::vector<std::string> types;
        if (auto t = schema.if_contains("type"); t && t->is_string())
            types.emplace_back(t->get_string());
        else if (t && t->is_array())
            for (const auto& each : t->get_array())
                if (each.is_string())
                    types.emplace_back(each.get_string());
        if (types.empty() || std::any_of(types.begin(), types.end(),
                                         [&](const auto& type) { return hasType(value, type); }))
            return true;
        std::string expected = types.front();
        if (types.size() > 1) {
            expected = "[" + types.front();
            for (std::size_t i = 1; i < types.size(); ++i)
                expected += "," + types[i];
            expected += "]";
        }
        add("invalid_type", path,
            "Invalid type. Expected: " + expected + ", given: " + givenType(value));
        return false;
    }

    // Cog wraps every `choices` enum in `allOf: [{$ref}]`. gojsonschema would add a
    // "number_all_of" error on top of the enum one; the real API's examples (§2.5) show only the
    // enum error, so the wrapper reports nothing of its own.
    void checkAllOf(const json::object& schema, const json::value& value, const std::string& path,
                    int depth) {
        if (auto all = arrayAt(schema, "allOf"))
            for (const auto& sub : *all)
                if (sub.is_object())
                    check(sub.get_object(), value, path, depth + 1);
    }

    void checkAnyOf(const json::object& schema, const json::value& value, const std::string& path,
                    int depth) {
        auto any = arrayAt(schema, "anyOf");
        if (!any || any->empty())
            return;
        for (const auto& sub : *any) {
            std::vector<FieldError> scratch;
            Checker trial(document_, scratch);
            if (sub.is_object())
                trial.check(sub.get_object(), value, path, depth + 1);
            if (scratch.empty())
                return;
        }
        add("number_any_of", path, "Must validate at least one schema (anyOf)");
    }

    void checkEnum(const json::object& schema, const json::value& value, const std::string& path) {
        auto allowed = arrayAt(schema, "enum");
        if (!allowed || std::any_of(allowed->begin(), allowed->end(),
                                    [&](const json::value& e) { return sameValue(e, value); }))
            return;
        std::string list;
        for (const auto& e : *allowed)
            list += (list.empty() ? "" : ", ") + jsonText(e);
        add("enum", path,
            (path.empty() ? "input" : path) + " must be one of the following: " + list);
    }

    void checkNumber(const json::object& schema, double x, const std::string& path) {
        // OpenAPI 3.0 spells exclusivity as a boolean beside the bound; JSON Schema (and pydantic's
        // gt/lt) as a number of its own. Accept both.
        if (auto max = numberAt(schema, "maximum")) {
            if (isTrue(schema, "exclusiveMaximum") && x >= *max)
                add("number_lt", path, "Must be less than " + formatBound(*max));
            else if (x > *max)
                add("number_lte", path, "Must be less than or equal to " + formatBound(*max));
        }
        if (auto max = numberAt(schema, "exclusiveMaximum"); max && x >= *max)
            add("number_lt", path, "Must be less than " + formatBound(*max));
        if (auto min = numberAt(schema, "minimum")) {
            if (isTrue(schema, "exclusiveMinimum") && x <= *min)
                add("number_gt", path, "Must be greater than " + formatBound(*min));
            else if (x < *min)
                add("number_gte", path, "Must be greater than or equal to " + formatBound(*min));
        }
        if (auto min = numberAt(schema, "exclusiveMinimum"); min && x <= *min)
            add("number_gt", path, "Must be greater than " + formatBound(*min));
        if (auto step = numberAt(schema, "multipleOf"); step && *step > 0) {
            double q = x / *step;
            if (std::abs(q - std::round(q)) > 1e-9 * std::max(1.0, std::abs(q)))
                add("multiple_of", path, "Must be a multiple of " + formatBound(*step));
        }
    }

    void checkString(const json::object& schema, std::string_view s, const std::string& path) {
        // Lengths count characters (gojsonschema counts runes), not UTF-8 bytes.
        auto length = static_cast<double>(utf8Length(s));
        if (auto min = numberAt(schema, "minLength"); min && length < *min)
            add("string_gte", path,
                "String length must be greater than or equal to " + formatBound(*min));
        if (auto max = numberAt(schema, "maxLength"); max && length > *max)
            add("string_lte", path,
                "String length must be less than or equal to " + formatBound(*max));
        if (auto p = schema.if_contains("pattern"); p && p->is_string())
            checkPattern(std::string(p->get_string()), s, path);
        if (auto f = schema.if_contains("format");
            f && f->is_string() && f->get_string() == "uri" && !isUri(s))
            add("format", path, "Does not match format 'uri'");
    }

    void checkPattern(const std::string& pattern, std::string_view s, const std::string& path) {
        try {
            // JSON Schema patterns are unanchored: a match anywhere in the string suffices.
            if (!std::regex_search(s.begin(), s.end(), std::regex(pattern)))
                add("pattern", path, "Does not match pattern '" + pattern + "'");
        } catch (const std::regex_error&) {
            // A pattern this engine cannot compile (RE2-only syntax) constrains nothing.
        }
    }

    void checkArray(const json::object& schema, const json::array& items, const std::string& path,
                    int depth) {
        if (auto item = schema.if_contains("items"); item && item->is_object())
            for (std::size_t i = 0; i < items.size(); ++i)
                check(item->get_object(), items[i], joinPath(path, std::to_string(i)), depth + 1);
        auto count = static_cast<double>(items.size());
        if (auto min = numberAt(schema, "minItems"); min && count < *min)
            add("array_min_items", path,
                "Array must have at least " + formatBound(*min) + " items");
        if (auto max = numberAt(schema, "maxItems"); max && count > *max)
            add("array_max_items", path, "Array must have at most " + formatBound(*max) + " items");
    }

    // Objects nested inside the input (a `dict` parameter with declared properties).
    void checkObject(const json::object& schema, const json::object& object,
                     const std::string& path, int depth) {
        if (auto required = arrayAt(schema, "required"))
            for (const auto& name : *required)
                if (name.is_string() && !object.contains(name.get_string()))
                    add("required", path, std::string(name.get_string()) + " is required");
        auto properties = orderedProperties(schema);
        for (const auto& p : properties)
            if (auto v = object.if_contains(p.name))
                check(*p.schema, *v, joinPath(path, p.name), depth + 1);
        if (auto extra = schema.if_contains("additionalProperties");
            extra && extra->is_bool() && !extra->get_bool())
            for (const auto& member : object)
                if (std::none_of(properties.begin(), properties.end(),
                                 [&](const Property& p) { return p.name == member.key(); }))
                    add("additional_property_not_allowed", path,
                        "Additional property " + std::string(member.key()) + " is not allowed");
    }

    const json::object& document_;
    std::vector<FieldError>& errors_;
};

const json::object* inputSchema(const json::object& document) {
    auto schema = resolvePointer(document, "#/components/schemas/Input");
    return schema ? &deref(document, *schema) : nullptr;
}

// A null for a property counts as leaving it out, so its default applies and a required one is
// reported missing. Cog documents only `input: null` itself (cog-protocol.md §3: "treated as
// {}"); for members the references are silent, and this is what a form that clears a field means.
bool present(const json::object& input, std::string_view name) {
    auto v = input.if_contains(name);
    return v && !v->is_null();
}

bool declared(const std::vector<Property>& properties, std::string_view name) {
    return std::any_of(properties.begin(), properties.end(),
                       [&](const Property& p) { return p.name == name; });
}

// What the model receives: the caller's declared, non-null members in the caller's order, then
// defaults for the rest in x-order. Undeclared members are dropped as Cog drops them
// (cog-protocol.md §3, `input`: "Unknown keys are silently dropped (both servers)", verified in
// transcript A: `{"text":123,"bogus":1}` is echoed as `{"text":"123"}`).
json::object effectiveInput(const std::vector<Property>& properties, const json::object& input) {
    json::object result;
    for (const auto& member : input)
        if (!member.value().is_null() && declared(properties, member.key()))
            result[member.key()] = member.value();
    for (const auto& p : properties) {
        auto fallback = p.schema->if_contains("default");
        if (!result.contains(p.name) && fallback && !fallback->is_null())
            result[p.name] = *fallback;
    }
    return result;
}

}  // namespace

InputCheck validateInput(const boost::json::object& openapiSchema,
                         const boost::json::object& input) {
    const json::object* schema = inputSchema(openapiSchema);
    // No declared properties at all (no Input, or `Input: {}`): nothing to check against, so the
    // input passes through whole. `properties: {}` is different: a predict() without parameters.
    if (!schema || !schema->contains("properties"))
        return InputCheck{input, {}};
    auto properties = orderedProperties(*schema);
    InputCheck result;
    Checker checker(openapiSchema, result.errors);
    // Required errors come first, then per-property errors in x-order (replicate-api.md §2.5).
    if (auto required = arrayAt(*schema, "required"))
        for (const auto& name : *required)
            if (name.is_string() && !present(input, name.get_string()))
                checker.add("required", "", std::string(name.get_string()) + " is required");
    for (const auto& p : properties)
        if (present(input, p.name))
            checker.check(*p.schema, input.at(p.name), std::string(p.name));
    result.input = effectiveInput(properties, input);
    return result;
}

std::vector<FieldError> validateBodyMembers(const boost::json::object& body,
                                            std::initializer_list<std::string_view> allowed,
                                            std::initializer_list<std::string_view> required) {
    std::vector<FieldError> errors;
    for (auto name : required)
        if (!body.contains(name))
            errors.push_back({"required", "", std::string(name) + " is required"});
    for (const auto& member : body) {
        bool known = false;
        for (auto name : allowed)
            known = known || member.key() == name;
        if (!known)
            errors.push_back(
                {"additional_property_not_allowed", "",
                 "Additional property " + std::string(member.key()) + " is not allowed"});
    }
    return errors;
}

Error validationError(std::vector<FieldError> errors) {
    std::string detail;
    for (const auto& e : errors)
        detail += "- " + (e.field.empty() ? std::string() : e.field + ": ") + e.description + "\n";
    Error error = makeError(ErrorCode::Unprocessable, detail, "Input validation failed");
    error.invalidFields = std::move(errors);
    return error;
}

}  // namespace replicant::backend::core
