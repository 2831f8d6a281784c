#include "runners/builtin/cover.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <functional>

namespace replicant::backend::runners::builtin {

std::string renderCoverPng(const std::string& title, const std::string& subtitle) {
    constexpr int kWidth = 640, kHeight = 360;
    const auto hash = std::hash<std::string>{}(title);
    // Two hues from the name, for a diagonal gradient in the card's background.
    const cv::Vec3b a(static_cast<uchar>(60 + hash % 140),
                      static_cast<uchar>(40 + (hash >> 8) % 120),
                      static_cast<uchar>(90 + (hash >> 16) % 150));
    const cv::Vec3b b(static_cast<uchar>(30 + (hash >> 24) % 120),
                      static_cast<uchar>(70 + (hash >> 32) % 150),
                      static_cast<uchar>(40 + (hash >> 40) % 110));
    cv::Mat image(kHeight, kWidth, CV_8UC3);
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            const double t =
                (static_cast<double>(x) / kWidth + static_cast<double>(y) / kHeight) / 2;
            image.at<cv::Vec3b>(y, x) = a * (1 - t) + b * t;
        }
    const auto font = cv::FONT_HERSHEY_DUPLEX;
    double scale = 1.6;
    int baseline = 0;
    while (scale > 0.6 && cv::getTextSize(title, font, scale, 2, &baseline).width > kWidth - 60)
        scale -= 0.1;
    cv::putText(image, title, {30, kHeight / 2}, font, scale, {255, 255, 255}, 2, cv::LINE_AA);
    std::string line = subtitle.size() > 60 ? subtitle.substr(0, 57) + "..." : subtitle;
    cv::putText(image, line, {30, kHeight / 2 + 44}, cv::FONT_HERSHEY_SIMPLEX, 0.6, {235, 235, 235},
                1, cv::LINE_AA);
    std::vector<uchar> png;
    cv::imencode(".png", image, png);
    return std::string(png.begin(), png.end());
}

}  // namespace replicant::backend::runners::builtin
