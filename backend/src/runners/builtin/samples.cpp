#include "runners/builtin/samples.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "runners/builtin/noise.h"
#include "util/base64.h"

namespace replicant::backend::runners::builtin {

namespace {
cv::Mat scene() {
    cv::Mat img(256, 384, CV_8UC3);
    Noise noise(7);
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x) {
            const double t = y / 255.0;
            const double grain = noise.fbm(x / 40.0, y / 40.0, 0.5, 4);
            cv::Vec3d sky(235 - 60 * t, 190 - 40 * t, 120 + 40 * t);  // BGR: blue above, warm below
            img.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(sky[0] + 12 * grain),
                                                cv::saturate_cast<uchar>(sky[1] + 12 * grain),
                                                cv::saturate_cast<uchar>(sky[2] + 12 * grain));
        }
    cv::circle(img, {290, 70}, 28, {120, 220, 255}, cv::FILLED, cv::LINE_AA);
    for (int layer = 0; layer < 2; ++layer) {
        std::vector<cv::Point> hill;
        for (int x = 0; x <= img.cols; x += 4)
            hill.emplace_back(x, static_cast<int>(150 + layer * 30 +
                                                  25 * noise.fbm(x / 90.0, layer * 3.0, 1.5, 3)));
        hill.emplace_back(img.cols, img.rows);
        hill.emplace_back(0, img.rows);
        const cv::Scalar green = layer == 0 ? cv::Scalar(90, 140, 80) : cv::Scalar(50, 110, 40);
        cv::fillPoly(img, std::vector<std::vector<cv::Point>>{hill}, green, cv::LINE_AA);
    }
    cv::ellipse(img, {120, 225}, {80, 16}, 0, 0, 360, {170, 120, 60}, cv::FILLED, cv::LINE_AA);
    cv::rectangle(img, {316, 150}, {324, 200}, {40, 60, 90}, cv::FILLED);
    cv::circle(img, {320, 140}, 24, {40, 120, 50}, cv::FILLED, cv::LINE_AA);
    return img;
}

// A softly shaded face: Viola–Jones cascades look for light and dark regions (eye sockets darker
// than the cheeks and the bridge of the nose), so the shading matters more than the outlines.
cv::Mat face() {
    cv::Mat img(320, 320, CV_8UC3);
    const cv::Vec3d skin(150, 180, 225), background(200, 215, 225), hair(40, 50, 70);
    auto blob = [](double x, double y, double cx, double cy, double rx, double ry) {
        const double dx = (x - cx) / rx, dy = (y - cy) / ry;
        return std::exp(-(dx * dx + dy * dy));
    };
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x) {
            const double fx = (x - 160) / 82.0, fy = (y - 170) / 105.0;
            const double r = std::sqrt(fx * fx + fy * fy);
            cv::Vec3d c = background;
            if (r < 1.0) {
                double light = 1.0 - 0.35 * r * r;  // rounder towards the middle
                for (int side : {-1, 1}) {
                    light -= 0.45 * blob(x, y, 160 + side * 34, 150, 22, 13);  // eye sockets
                    light -= 0.55 * blob(x, y, 160 + side * 34, 130, 20, 5);   // brows
                    light -= 0.25 * blob(x, y, 160 + side * 10, 196, 6, 5);    // nostrils
                }
                light += 0.12 * blob(x, y, 160, 170, 8, 30);   // the bridge of the nose
                light -= 0.45 * blob(x, y, 160, 222, 26, 7);   // mouth
                light -= 0.15 * blob(x, y, 160, 250, 30, 10);  // under the lip
                c = skin * std::clamp(light, 0.2, 1.1);
                if (fy < -0.55 && r > 0.75)
                    c = hair;
            } else if (fy < -0.2 && r < 1.12) {
                c = hair;
            }
            img.at<cv::Vec3b>(y, x) =
                cv::Vec3b(cv::saturate_cast<uchar>(c[0]), cv::saturate_cast<uchar>(c[1]),
                          cv::saturate_cast<uchar>(c[2]));
        }
    for (int side : {-1, 1}) {
        const cv::Point eye(160 + side * 34, 151);
        cv::ellipse(img, eye, {15, 7}, 0, 0, 360, {215, 220, 225}, cv::FILLED, cv::LINE_AA);
        cv::circle(img, eye, 6, {50, 40, 35}, cv::FILLED, cv::LINE_AA);
    }
    cv::GaussianBlur(img, img, cv::Size(5, 5), 1.5);
    return img;
}

cv::Mat text() {
    // Grey, not colour: the PNG stays small in the model's default example.
    cv::Mat img(110, 760, CV_8UC1, cv::Scalar(255));
    cv::putText(img, "The quick brown fox jumps", {20, 45}, cv::FONT_HERSHEY_DUPLEX, 1.1,
                cv::Scalar(20), 2, cv::LINE_AA);
    cv::putText(img, "over the lazy dog.", {20, 90}, cv::FONT_HERSHEY_DUPLEX, 1.1, cv::Scalar(20),
                2, cv::LINE_AA);
    return img;
}

std::string dataUri(const cv::Mat& image, bool photographic) {
    std::vector<unsigned char> bytes;
    if (photographic)
        cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, 88});
    else
        cv::imencode(".png", image, bytes);
    return std::string(photographic ? "data:image/jpeg;base64," : "data:image/png;base64,") +
           util::base64Encode(
               std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}
}  // namespace

const char* sampleSentence() {
    return "The quick brown fox jumps over the lazy dog.";
}

cv::Mat sampleImage(SampleImage which) {
    switch (which) {
        case SampleImage::Scene:
            return scene();
        case SampleImage::Small: {
            cv::Mat small;
            cv::resize(scene(), small, cv::Size(192, 128), 0, 0, cv::INTER_AREA);
            return small;
        }
        case SampleImage::Noisy: {
            // Smaller than the scene: noise does not compress, and the example's input is
            // stored and listed with the model.
            cv::Mat img, noise, noisy;
            cv::resize(scene(), img, cv::Size(288, 192), 0, 0, cv::INTER_AREA);
            noise.create(img.size(), CV_16SC3);
            cv::RNG rng(12345);  // the same noise every start
            rng.fill(noise, cv::RNG::NORMAL, 0, 18);
            img.convertTo(noisy, CV_16SC3);
            noisy += noise;
            noisy.convertTo(img, CV_8UC3);
            return img;
        }
        case SampleImage::Text:
            return text();
        case SampleImage::Face:
            return face();
    }
    return scene();
}

std::string sampleImageDataUri(SampleImage which) {
    return dataUri(sampleImage(which), which != SampleImage::Text);
}

std::string samplePlyDataUri() {
    const std::string ply =
        "ply\nformat ascii 1.0\ncomment an octahedron with a colour per corner\n"
        "element vertex 6\nproperty float x\nproperty float y\nproperty float z\n"
        "property uchar red\nproperty uchar green\nproperty uchar blue\n"
        "element face 8\nproperty list uchar int vertex_indices\nend_header\n"
        "1 0 0 255 0 0\n-1 0 0 0 255 255\n0 1 0 0 255 0\n0 -1 0 255 0 255\n"
        "0 0 1 0 0 255\n0 0 -1 255 255 0\n"
        "3 0 2 4\n3 2 1 4\n3 1 3 4\n3 3 0 4\n3 2 0 5\n3 1 2 5\n3 3 1 5\n3 0 3 5\n";
    return "data:application/octet-stream;base64," + util::base64Encode(ply);
}

}  // namespace replicant::backend::runners::builtin
