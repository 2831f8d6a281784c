#include "runners/builtin/noise.h"

#include <cmath>
#include <numeric>

namespace replicant::backend::runners::builtin {

std::uint64_t Rng::next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double Rng::uniform() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

int Rng::below(int n) {
    return n <= 0 ? 0 : static_cast<int>(next() % static_cast<std::uint64_t>(n));
}

double Rng::normal() {
    // Box–Muller; 1 - u keeps the logarithm finite.
    const double u = 1.0 - uniform();
    const double v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
}

Noise::Noise(std::uint64_t seed) {
    std::array<std::uint8_t, 256> p{};
    std::iota(p.begin(), p.end(), 0);
    Rng rng(seed);
    for (int i = 255; i > 0; --i)
        std::swap(p[static_cast<std::size_t>(i)], p[static_cast<std::size_t>(rng.below(i + 1))]);
    for (std::size_t i = 0; i < 512; ++i)
        perm_[i] = p[i & 255];
}

namespace {
double fade(double t) {
    return t * t * t * (t * (t * 6 - 15) + 10);
}
double lerp(double t, double a, double b) {
    return a + t * (b - a);
}
double grad(int hash, double x, double y, double z) {
    const int h = hash & 15;
    const double u = h < 8 ? x : y;
    const double v = h < 4 ? y : (h == 12 || h == 14 ? x : z);
    return ((h & 1) ? -u : u) + ((h & 2) ? -v : v);
}
}  // namespace

double Noise::at(double x, double y, double z) const {
    const double fx = std::floor(x), fy = std::floor(y), fz = std::floor(z);
    const int X = static_cast<int>(fx) & 255, Y = static_cast<int>(fy) & 255,
              Z = static_cast<int>(fz) & 255;
    x -= fx;
    y -= fy;
    z -= fz;
    const double u = fade(x), v = fade(y), w = fade(z);
    auto P = [this](int i) { return static_cast<int>(perm_[static_cast<std::size_t>(i)]); };
    const int A = P(X) + Y, AA = P(A) + Z, AB = P(A + 1) + Z;
    const int B = P(X + 1) + Y, BA = P(B) + Z, BB = P(B + 1) + Z;
    return lerp(
        w,
        lerp(v, lerp(u, grad(P(AA), x, y, z), grad(P(BA), x - 1, y, z)),
             lerp(u, grad(P(AB), x, y - 1, z), grad(P(BB), x - 1, y - 1, z))),
        lerp(v, lerp(u, grad(P(AA + 1), x, y, z - 1), grad(P(BA + 1), x - 1, y, z - 1)),
             lerp(u, grad(P(AB + 1), x, y - 1, z - 1), grad(P(BB + 1), x - 1, y - 1, z - 1))));
}

double Noise::fbm(double x, double y, double z, int octaves, double gain) const {
    double sum = 0, amplitude = 1, norm = 0;
    for (int i = 0; i < octaves; ++i) {
        sum += amplitude * at(x, y, z);
        norm += amplitude;
        amplitude *= gain;
        x *= 2;
        y *= 2;
        z *= 2;
    }
    return norm > 0 ? sum / norm : 0;
}

}  // namespace replicant::backend::runners::builtin
