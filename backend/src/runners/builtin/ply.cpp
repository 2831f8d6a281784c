#include "runners/builtin/ply.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace replicant::backend::runners::builtin {

namespace {

enum class Format { Ascii, BinaryLittle, BinaryBig };
enum class Type { Int8, UInt8, Int16, UInt16, Int32, UInt32, Float32, Float64 };

std::optional<Type> typeOf(std::string_view name) {
    if (name == "char" || name == "int8")
        return Type::Int8;
    if (name == "uchar" || name == "uint8")
        return Type::UInt8;
    if (name == "short" || name == "int16")
        return Type::Int16;
    if (name == "ushort" || name == "uint16")
        return Type::UInt16;
    if (name == "int" || name == "int32")
        return Type::Int32;
    if (name == "uint" || name == "uint32")
        return Type::UInt32;
    if (name == "float" || name == "float32")
        return Type::Float32;
    if (name == "double" || name == "float64")
        return Type::Float64;
    return std::nullopt;
}

std::size_t sizeOf(Type t) {
    switch (t) {
        case Type::Int8:
        case Type::UInt8:
            return 1;
        case Type::Int16:
        case Type::UInt16:
            return 2;
        case Type::Int32:
        case Type::UInt32:
        case Type::Float32:
            return 4;
        case Type::Float64:
            return 8;
    }
    return 1;
}

// The value a colour channel of this type has at full intensity.
double fullScale(Type t) {
    switch (t) {
        case Type::UInt8:
        case Type::Int8:
            return 255;
        case Type::UInt16:
        case Type::Int16:
            return 65535;
        case Type::Float32:
        case Type::Float64:
            return 1;
        default:
            return 255;
    }
}

struct Property {
    std::string name;
    Type type = Type::Float32;
    bool list = false;
    Type countType = Type::UInt8;
};

struct Element {
    std::string name;
    std::size_t count = 0;
    std::vector<Property> properties;
};

Error bad(const std::string& what) {
    return makeError(ErrorCode::Unprocessable, "invalid PLY file: " + what);
}

// Reads values one at a time from the body, in either encoding.
class Reader {
public:
    Reader(std::string_view body, Format format) : body_(body), format_(format) {}

    std::optional<double> read(Type type) {
        return format_ == Format::Ascii ? readText() : readBinary(type);
    }
    std::size_t remaining() const { return body_.size() - at_; }

private:
    std::optional<double> readText() {
        while (at_ < body_.size() && std::strchr(" \t\r\n", body_[at_]))
            ++at_;
        if (at_ >= body_.size())
            return std::nullopt;
        if (body_[at_] == '+')  // from_chars takes no leading plus
            ++at_;
        double value = 0;
        const char* begin = body_.data() + at_;
        const auto [end, ec] = std::from_chars(begin, body_.data() + body_.size(), value);
        if (ec != std::errc())
            return std::nullopt;
        at_ += static_cast<std::size_t>(end - begin);
        return value;
    }

    template <class T>
    T take() {
        T value;
        std::memcpy(&value, body_.data() + at_, sizeof(T));
        at_ += sizeof(T);
        const bool swap =
            (format_ == Format::BinaryBig) != (std::endian::native == std::endian::big);
        if (swap && sizeof(T) > 1) {
            unsigned char raw[sizeof(T)];
            std::memcpy(raw, &value, sizeof(T));
            std::reverse(raw, raw + sizeof(T));
            std::memcpy(&value, raw, sizeof(T));
        }
        return value;
    }

    std::optional<double> readBinary(Type type) {
        if (remaining() < sizeOf(type))
            return std::nullopt;
        switch (type) {
            case Type::Int8:
                return take<std::int8_t>();
            case Type::UInt8:
                return take<std::uint8_t>();
            case Type::Int16:
                return take<std::int16_t>();
            case Type::UInt16:
                return take<std::uint16_t>();
            case Type::Int32:
                return take<std::int32_t>();
            case Type::UInt32:
                return take<std::uint32_t>();
            case Type::Float32:
                return take<float>();
            case Type::Float64:
                return take<double>();
        }
        return std::nullopt;
    }

    std::string_view body_;
    Format format_;
    std::size_t at_ = 0;
};

struct Header {
    Format format = Format::Ascii;
    std::vector<Element> elements;
    std::size_t bodyStart = 0;
};

Result<Header> parseHeader(std::string_view bytes) {
    if (bytes.substr(0, 3) != "ply")
        return bad("it does not start with \"ply\"");
    const std::size_t end = bytes.find("end_header");
    if (end == std::string_view::npos || end > 1 << 20)
        return bad("no end_header line");
    Header header;
    std::size_t bodyStart = bytes.find('\n', end);
    header.bodyStart = bodyStart == std::string_view::npos ? bytes.size() : bodyStart + 1;

    bool sawFormat = false;
    std::string_view text = bytes.substr(0, end);
    while (!text.empty()) {
        const std::size_t eol = text.find('\n');
        std::string line(text.substr(0, eol));
        text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
        std::vector<std::string> words;
        for (std::size_t i = 0; i < line.size();) {
            while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
                ++i;
            std::size_t j = i;
            while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j])))
                ++j;
            if (j > i)
                words.emplace_back(line.substr(i, j - i));
            i = j;
        }
        if (words.empty() || words[0] == "comment" || words[0] == "obj_info" || words[0] == "ply")
            continue;
        if (words[0] == "format" && words.size() >= 2) {
            sawFormat = true;
            if (words[1] == "ascii")
                header.format = Format::Ascii;
            else if (words[1] == "binary_little_endian")
                header.format = Format::BinaryLittle;
            else if (words[1] == "binary_big_endian")
                header.format = Format::BinaryBig;
            else
                return bad("unknown format \"" + words[1] + "\"");
        } else if (words[0] == "element" && words.size() == 3) {
            Element element;
            element.name = words[1];
            const auto [p, ec] =
                std::from_chars(words[2].data(), words[2].data() + words[2].size(), element.count);
            if (ec != std::errc() || p != words[2].data() + words[2].size())
                return bad("element " + words[1] + " has count \"" + words[2] + "\"");
            header.elements.push_back(element);
        } else if (words[0] == "property" && !header.elements.empty()) {
            Property property;
            if (words.size() == 5 && words[1] == "list") {
                auto count = typeOf(words[2]);
                auto type = typeOf(words[3]);
                if (!count || !type || *count == Type::Float32 || *count == Type::Float64)
                    return bad("property " + words[4] + " has an unknown list type");
                property = Property{words[4], *type, true, *count};
            } else if (words.size() == 3) {
                auto type = typeOf(words[1]);
                if (!type)
                    return bad("property " + words[2] + " has unknown type \"" + words[1] + "\"");
                property = Property{words[2], *type, false, Type::UInt8};
            } else {
                return bad("malformed line \"" + line + "\"");
            }
            header.elements.back().properties.push_back(property);
        } else {
            return bad("unexpected header line \"" + line + "\"");
        }
    }
    if (!sawFormat)
        return bad("no format line");
    return header;
}

int indexOf(const Element& e, std::initializer_list<std::string_view> names) {
    for (std::size_t i = 0; i < e.properties.size(); ++i)
        for (auto name : names)
            if (e.properties[i].name == name && !e.properties[i].list)
                return static_cast<int>(i);
    return -1;
}
}  // namespace

Result<Mesh> readPly(std::string_view bytes, const std::function<bool()>& canceled,
                     const PlyLimits& limits) {
    auto header = parseHeader(bytes);
    if (!header)
        return header.error();
    Reader reader(bytes.substr(header->bodyStart), header->format);
    Mesh mesh;
    bool sawVertices = false;

    for (const Element& element : header->elements) {
        const bool isVertex = element.name == "vertex";
        const bool isFace = element.name == "face";
        if (isVertex && element.count > limits.maxVertices)
            return makeError(ErrorCode::Unprocessable,
                             "the PLY file has " + std::to_string(element.count) +
                                 " vertices; up to " + std::to_string(limits.maxVertices) +
                                 " are accepted");
        if (isFace && element.count > limits.maxFaces)
            return makeError(ErrorCode::Unprocessable,
                             "the PLY file has " + std::to_string(element.count) +
                                 " faces; up to " + std::to_string(limits.maxFaces) +
                                 " are accepted");
        // Every value takes at least a byte (binary) or a digit and a separator (ASCII): a count
        // the body cannot hold is a lie, found before anything is allocated for it.
        const std::size_t minBytes = header->format == Format::Ascii ? 2 : 1;
        if (!element.properties.empty() &&
            element.count > reader.remaining() / (element.properties.size() * minBytes))
            return bad("it declares " + std::to_string(element.count) + " " + element.name +
                       " elements, more than the file holds");

        const int x = indexOf(element, {"x"}), y = indexOf(element, {"y"}),
                  z = indexOf(element, {"z"});
        const int nx = indexOf(element, {"nx"}), ny = indexOf(element, {"ny"}),
                  nz = indexOf(element, {"nz"});
        const int r = indexOf(element, {"red", "r", "diffuse_red"}),
                  g = indexOf(element, {"green", "g", "diffuse_green"}),
                  b = indexOf(element, {"blue", "b", "diffuse_blue"});
        int faceList = -1;
        for (std::size_t i = 0; i < element.properties.size(); ++i)
            if (element.properties[i].list && (element.properties[i].name == "vertex_indices" ||
                                               element.properties[i].name == "vertex_index"))
                faceList = static_cast<int>(i);
        if (isVertex) {
            if (x < 0 || y < 0 || z < 0)
                return bad("the vertex element has no x, y and z properties");
            sawVertices = true;
            mesh.positions.reserve(element.count * 3);
            if (nx >= 0 && ny >= 0 && nz >= 0)
                mesh.normals.reserve(element.count * 3);
            if (r >= 0 && g >= 0 && b >= 0)
                mesh.colors.reserve(element.count * 3);
        }

        std::vector<double> values(element.properties.size());
        std::vector<double> list;
        for (std::size_t item = 0; item < element.count; ++item) {
            if ((item & 0xFFFF) == 0 && canceled && canceled())
                return makeError(ErrorCode::Internal, "canceled");
            for (std::size_t p = 0; p < element.properties.size(); ++p) {
                const Property& property = element.properties[p];
                if (!property.list) {
                    auto v = reader.read(property.type);
                    if (!v)
                        return bad("it ends inside " + element.name + " " + std::to_string(item) +
                                   " (or a value there is not a number)");
                    values[p] = *v;
                    continue;
                }
                auto n = reader.read(property.countType);
                if (!n || *n < 0 || *n > 1 << 16)
                    return bad("a list in " + element.name + " " + std::to_string(item) +
                               " has no valid length");
                list.resize(static_cast<std::size_t>(*n));
                for (double& each : list) {
                    auto v = reader.read(property.type);
                    if (!v)
                        return bad("it ends inside " + element.name + " " + std::to_string(item));
                    each = *v;
                }
                if (static_cast<int>(p) != faceList || !isFace || list.size() < 3)
                    continue;
                for (double index : list)
                    if (index < 0 || index >= static_cast<double>(mesh.vertexCount()) ||
                        !sawVertices)
                        return bad("face " + std::to_string(item) + " refers to vertex " +
                                   std::to_string(static_cast<long long>(index)) + " of " +
                                   std::to_string(mesh.vertexCount()));
                for (std::size_t k = 1; k + 1 < list.size(); ++k)  // fan
                    for (double index : {list[0], list[k], list[k + 1]})
                        mesh.indices.push_back(static_cast<std::uint32_t>(index));
            }
            if (!isVertex)
                continue;
            for (int axis : {x, y, z})
                mesh.positions.push_back(
                    static_cast<float>(values[static_cast<std::size_t>(axis)]));
            if (nx >= 0 && ny >= 0 && nz >= 0)
                for (int axis : {nx, ny, nz})
                    mesh.normals.push_back(
                        static_cast<float>(values[static_cast<std::size_t>(axis)]));
            if (r >= 0 && g >= 0 && b >= 0)
                for (int channel : {r, g, b}) {
                    const auto i = static_cast<std::size_t>(channel);
                    const double v = values[i] / fullScale(element.properties[i].type);
                    mesh.colors.push_back(
                        srgbToLinear(static_cast<float>(std::clamp(v, 0.0, 1.0))));
                }
        }
    }
    if (!sawVertices || mesh.vertexCount() == 0)
        return makeError(ErrorCode::Unprocessable, "the PLY file has no vertices");
    for (float v : mesh.positions)
        if (!std::isfinite(v))
            return bad("a vertex position is not a finite number");
    mesh.points = mesh.indices.empty();
    return mesh;
}

}  // namespace replicant::backend::runners::builtin
