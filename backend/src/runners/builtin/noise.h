#pragma once

#include <array>
#include <cstdint>

namespace replicant::backend::runners::builtin {

// A small seeded generator (splitmix64). The procedural models use it instead of <random>'s
// distributions, whose output differs between standard libraries: a seed must give the same
// image and mesh on every build.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    double uniform();  // [0, 1)
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    int below(int n);  // [0, n)
    double normal();   // mean 0, deviation 1

private:
    std::uint64_t state_;
};

// Seeded 3D gradient noise (Perlin's improved noise) and its fractal sum. Values are roughly in
// [-1, 1]. The 2D forms sample the z = 0 plane.
class Noise {
public:
    explicit Noise(std::uint64_t seed);
    double at(double x, double y, double z) const;
    // Fractal Brownian motion: `octaves` layers, each at twice the frequency and `gain` times the
    // amplitude of the one before, normalised back to about [-1, 1].
    double fbm(double x, double y, double z, int octaves, double gain = 0.5) const;

private:
    std::array<std::uint8_t, 512> perm_{};
};

}  // namespace replicant::backend::runners::builtin
