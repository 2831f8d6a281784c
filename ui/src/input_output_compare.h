#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

#include "replicant/ui/client/prediction.h"

class QLabel;

namespace replicant::widgets {
class BeforeAfterSlider;
}

namespace replicant::ui {

class ApiClient;

// The before/after view of an image-to-image prediction: its input image on the left, its output
// image on the right, in the slider. Both files are fetched through the API client; one that
// cannot be fetched or decoded is explained in place.
class InputOutputCompare : public QWidget {
    Q_OBJECT

public:
    explicit InputOutputCompare(ApiClient* client, QWidget* parent = nullptr);

    struct Pair {
        QString inputName;  // the input field that holds the image
        QString inputUrl;
        QString outputUrl;
    };
    // The input and output images of `p` when it is image-to-image: it succeeded with exactly
    // one image as output, and one of its inputs is an image file (the first in input order).
    static std::optional<Pair> imagePair(const Prediction& p);

    // Loads `p`'s images (nothing happens when they are those shown already). False when `p` is
    // not image-to-image.
    bool setPrediction(const Prediction& p);
    bool isLoaded() const;
    QString errorText() const;
    widgets::BeforeAfterSlider* slider() const { return m_slider; }

signals:
    // Both images arrived (or one failed, with errorText()).
    void loaded();

private:
    void fetch(const QString& url, bool before, int generation);

    ApiClient* m_client;
    widgets::BeforeAfterSlider* m_slider;
    QLabel* m_message;
    QString m_key;  // input URL + output URL shown
    int m_generation = 0;
    int m_pending = 0;
};

}  // namespace replicant::ui
