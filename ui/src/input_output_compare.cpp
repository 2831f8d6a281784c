#include "input_output_compare.h"

#include <QJsonArray>
#include <QLabel>
#include <QVBoxLayout>

#include "output_plan.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/widgets/before_after_slider.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
bool looksLikeImage(const QString& text) {
    if (!isFileReference(text))
        return false;
    const MediaKind kind = mediaKindOfUrl(text);
    return kind == MediaKind::Image || kind == MediaKind::Unknown;
}
}  // namespace

InputOutputCompare::InputOutputCompare(ApiClient* client, QWidget* parent)
    : QWidget(parent),
      m_client(client),
      m_slider(new widgets::BeforeAfterSlider(this)),
      m_message(new QLabel(this)) {
    setObjectName(QStringLiteral("inputOutputCompare"));
    m_message->setObjectName(QStringLiteral("compareMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_slider->setLabels(tr("Input"), tr("Output"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_slider, 1);
}

std::optional<InputOutputCompare::Pair> InputOutputCompare::imagePair(const Prediction& p) {
    if (p.status != QLatin1String("succeeded"))
        return std::nullopt;
    QJsonValue output = p.output;
    if (output.isArray() && output.toArray().size() == 1)
        output = output.toArray().first();
    const QString outputUrl = output.toString();
    if (!isFileReference(outputUrl) || mediaKindOfUrl(outputUrl) != MediaKind::Image)
        return std::nullopt;
    for (auto it = p.input.begin(); it != p.input.end(); ++it) {
        const QString text = it.value().toString();
        if (looksLikeImage(text))
            return Pair{it.key(), text, outputUrl};
    }
    return std::nullopt;
}

bool InputOutputCompare::setPrediction(const Prediction& p) {
    const auto pair = imagePair(p);
    if (!pair)
        return false;
    const QString key = pair->inputUrl + QLatin1Char('\n') + pair->outputUrl;
    if (key == m_key)
        return true;
    m_key = key;
    m_message->hide();
    m_slider->setImages({}, {});
    m_slider->setLabels(tr("Input: %1").arg(pair->inputName), tr("Output"));
    const int generation = ++m_generation;
    m_pending = 2;
    fetch(pair->inputUrl, true, generation);
    fetch(pair->outputUrl, false, generation);
    return true;
}

void InputOutputCompare::fetch(const QString& url, bool before, int generation) {
    m_client->download(
        QUrl(url), this, [this, before, generation](const ApiResult<ApiClient::Download>& r) {
            if (generation != m_generation)
                return;
            QImage image;
            QString problem;
            if (!r)
                problem = r.error().message();
            else if (!image.loadFromData(r->bytes))
                problem = tr("not an image this app can decode");
            if (!problem.isEmpty()) {
                m_message->setStyleSheet(errorStyleSheet(palette()));
                m_message->setText(
                    tr("Cannot show the %1: %2")
                        .arg(before ? tr("input image") : tr("output image"), problem));
                m_message->show();
            } else if (before) {
                m_slider->setBeforeImage(image);
            } else {
                m_slider->setAfterImage(image);
            }
            if (--m_pending == 0)
                emit loaded();
        });
}

bool InputOutputCompare::isLoaded() const {
    return m_pending == 0 && !m_key.isEmpty();
}

QString InputOutputCompare::errorText() const {
    return m_message->isHidden() ? QString() : m_message->text();
}

}  // namespace replicant::ui
