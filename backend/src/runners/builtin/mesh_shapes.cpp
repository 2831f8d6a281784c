#include "runners/builtin/mesh_shapes.h"

#include <cmath>
#include <map>

namespace replicant::backend::runners::builtin {

namespace {
std::uint32_t addVertex(Mesh& m, double x, double y, double z) {
    m.positions.insert(m.positions.end(),
                       {static_cast<float>(x), static_cast<float>(y), static_cast<float>(z)});
    return static_cast<std::uint32_t>(m.vertexCount() - 1);
}
void addTriangle(Mesh& m, std::uint32_t a, std::uint32_t b, std::uint32_t c) {
    m.indices.insert(m.indices.end(), {a, b, c});
}
}  // namespace

Mesh icosphere(int subdivisions) {
    Mesh m;
    const double t = (1.0 + std::sqrt(5.0)) / 2.0;
    const double corners[12][3] = {{-1, t, 0}, {1, t, 0}, {-1, -t, 0}, {1, -t, 0},
                                   {0, -1, t}, {0, 1, t}, {0, -1, -t}, {0, 1, -t},
                                   {t, 0, -1}, {t, 0, 1}, {-t, 0, -1}, {-t, 0, 1}};
    for (const auto& c : corners) {
        const double len = std::sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
        addVertex(m, c[0] / len, c[1] / len, c[2] / len);
    }
    m.indices = {0, 11, 5,  0, 5,  1, 0, 1, 7, 0, 7,  10, 0, 10, 11, 1, 5, 9, 5, 11,
                 4, 11, 10, 2, 10, 7, 6, 7, 1, 8, 3,  9,  4, 3,  4,  2, 3, 2, 6, 3,
                 6, 8,  3,  8, 9,  4, 9, 5, 2, 4, 11, 6,  2, 10, 8,  6, 7, 9, 8, 1};
    for (int level = 0; level < subdivisions; ++level) {
        std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> midpoints;
        auto midpoint = [&](std::uint32_t a, std::uint32_t b) {
            const auto key = std::minmax(a, b);
            if (auto it = midpoints.find(key); it != midpoints.end())
                return it->second;
            double p[3];
            for (int k = 0; k < 3; ++k)
                p[k] = (m.positions[a * 3 + k] + m.positions[b * 3 + k]) / 2.0;
            const double len = std::sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            const std::uint32_t id = addVertex(m, p[0] / len, p[1] / len, p[2] / len);
            midpoints.emplace(key, id);
            return id;
        };
        std::vector<std::uint32_t> finer;
        finer.reserve(m.indices.size() * 4);
        for (std::size_t i = 0; i < m.indices.size(); i += 3) {
            const std::uint32_t a = m.indices[i], b = m.indices[i + 1], c = m.indices[i + 2];
            const std::uint32_t ab = midpoint(a, b), bc = midpoint(b, c), ca = midpoint(c, a);
            finer.insert(finer.end(), {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca});
        }
        m.indices = std::move(finer);
    }
    return m;
}

Mesh lathe(const std::vector<std::pair<double, double>>& profile, int segments, bool openTop) {
    Mesh m;
    const auto seg = static_cast<std::uint32_t>(segments);
    // A point of the profile on the axis becomes one apex vertex, not a ring of coincident ones
    // (whose triangles would have no area).
    const bool bottomApex = profile.front().first <= 1e-9;
    const bool topApex = profile.size() > 1 && profile.back().first <= 1e-9;
    const std::size_t first = bottomApex ? 1 : 0;
    const std::size_t last = profile.size() - (topApex ? 1 : 0);  // one past the last ring
    for (std::size_t r = first; r < last; ++r)
        for (std::uint32_t s = 0; s < seg; ++s) {
            const double a = 2 * M_PI * s / seg;
            addVertex(m, profile[r].first * std::cos(a), profile[r].second,
                      -profile[r].first * std::sin(a));
        }
    const auto rings = static_cast<std::uint32_t>(last - first);
    for (std::uint32_t r = 0; r + 1 < rings; ++r)
        for (std::uint32_t s = 0; s < seg; ++s) {
            const std::uint32_t a = r * seg + s, b = r * seg + (s + 1) % seg;
            const std::uint32_t c = a + seg, d = b + seg;
            addTriangle(m, a, b, d);
            addTriangle(m, a, d, c);
        }
    if (bottomApex || rings > 0) {
        const std::uint32_t centre = addVertex(m, 0, profile.front().second, 0);
        for (std::uint32_t s = 0; s < seg; ++s)
            addTriangle(m, centre, (s + 1) % seg, s);
    }
    if (topApex || !openTop) {
        const std::uint32_t centre = addVertex(m, 0, profile.back().second, 0);
        const std::uint32_t top = (rings - 1) * seg;
        for (std::uint32_t s = 0; s < seg; ++s)
            addTriangle(m, centre, top + s, top + (s + 1) % seg);
    }
    return m;
}

Mesh torus(double major, double minor, int ringSegments, int tubeSegments) {
    Mesh m;
    const auto rs = static_cast<std::uint32_t>(ringSegments);
    const auto ts = static_cast<std::uint32_t>(tubeSegments);
    for (std::uint32_t i = 0; i < rs; ++i) {
        const double u = 2 * M_PI * i / rs;
        for (std::uint32_t j = 0; j < ts; ++j) {
            const double v = 2 * M_PI * j / ts;
            const double r = major + minor * std::cos(v);
            addVertex(m, r * std::cos(u), minor * std::sin(v), -r * std::sin(u));
        }
    }
    for (std::uint32_t i = 0; i < rs; ++i)
        for (std::uint32_t j = 0; j < ts; ++j) {
            const std::uint32_t a = i * ts + j, b = ((i + 1) % rs) * ts + j;
            const std::uint32_t c = i * ts + (j + 1) % ts, d = ((i + 1) % rs) * ts + (j + 1) % ts;
            addTriangle(m, a, b, d);
            addTriangle(m, a, d, c);
        }
    return m;
}

Mesh crystal(double radius, double height, double tip) {
    std::vector<std::pair<double, double>> profile = {
        {radius * 0.8, 0}, {radius, height * 0.1}, {radius, height}, {0, height + tip}};
    Mesh m = lathe(profile, 6, false);
    unweld(m);
    return m;
}

void transform(Mesh& mesh, const std::function<void(float& x, float& y, float& z)>& f) {
    for (std::size_t i = 0; i + 2 < mesh.positions.size(); i += 3)
        f(mesh.positions[i], mesh.positions[i + 1], mesh.positions[i + 2]);
}

void append(Mesh& mesh, const Mesh& part) {
    const auto offset = static_cast<std::uint32_t>(mesh.vertexCount());
    mesh.positions.insert(mesh.positions.end(), part.positions.begin(), part.positions.end());
    mesh.normals.insert(mesh.normals.end(), part.normals.begin(), part.normals.end());
    mesh.colors.insert(mesh.colors.end(), part.colors.begin(), part.colors.end());
    for (std::uint32_t i : part.indices)
        mesh.indices.push_back(i + offset);
}

void unweld(Mesh& mesh) {
    Mesh flat;
    for (std::uint32_t i : mesh.indices) {
        for (int k = 0; k < 3; ++k) {
            flat.positions.push_back(mesh.positions[i * 3 + k]);
            if (!mesh.colors.empty())
                flat.colors.push_back(mesh.colors[i * 3 + k]);
        }
        flat.indices.push_back(static_cast<std::uint32_t>(flat.indices.size()));
    }
    mesh.positions = std::move(flat.positions);
    mesh.colors = std::move(flat.colors);
    mesh.indices = std::move(flat.indices);
    mesh.normals.clear();
}

}  // namespace replicant::backend::runners::builtin
