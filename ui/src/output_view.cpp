#include "replicant/ui/output_view.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include "glb_output.h"
#include "output_files.h"
#include "output_plan.h"
#include "output_renderers.h"
#include "replicant/widgets/json_view.h"
#include "status_style.h"
#include "video_output.h"

namespace replicant::ui {

namespace {
// Text files larger than this are offered for saving rather than shown.
constexpr qsizetype kMaxInlineText = 2 * 1024 * 1024;

OutputView::Kind toKind(OutputPlan::Kind kind) {
    return static_cast<OutputView::Kind>(kind);
}
}  // namespace

void OutputView::setModelViewerHook(ModelViewerHook hook) {
    FileListOutput::setModelViewerHook(std::move(hook));
}

OutputView::OutputView(ApiClient* client, QWidget* parent)
    : QWidget(parent),
      m_files(new OutputFiles(client, this)),
      m_placeholder(new QLabel(this)),
      m_layout(new QVBoxLayout(this)) {
    setObjectName(QStringLiteral("outputView"));
    m_placeholder->setObjectName(QStringLiteral("outputPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addWidget(m_placeholder, 1);
    showPlaceholder(tr("No output yet."));
}

void OutputView::showPlaceholder(const QString& message) {
    setRenderer(nullptr, Kind::Empty);
    m_output = QJsonValue::Null;
    m_placeholder->setStyleSheet(QString());
    m_placeholder->setText(message);
    m_placeholder->show();
}

void OutputView::setRenderer(QWidget* renderer, Kind kind) {
    if (m_renderer) {
        m_layout->removeWidget(m_renderer);
        m_renderer->deleteLater();
    }
    m_renderer = renderer;
    m_resolving.clear();
    const bool changed = kind != m_kind;
    m_kind = kind;
    if (renderer) {
        m_placeholder->hide();
        m_layout->addWidget(renderer, 1);
    }
    if (changed)
        emit kindChanged(kind);
}

QString OutputView::text() const {
    if (auto* t = qobject_cast<TextOutput*>(m_renderer))
        return t->text();
    return {};
}

QString OutputView::errorText() const {
    if (auto* image = m_renderer ? m_renderer->findChild<ImageOutput*>() : nullptr)
        return image->errorText();
    if (auto* image = qobject_cast<ImageOutput*>(m_renderer))
        return image->errorText();
    if (auto* audio = qobject_cast<AudioOutput*>(m_renderer))
        return audio->errorText();
    if (auto* glb = qobject_cast<GlbOutput*>(m_renderer))
        return glb->errorText();
    if (auto* video = qobject_cast<VideoOutput*>(m_renderer))
        return video->errorText();
    if (!m_placeholder->isHidden() && !m_placeholder->styleSheet().isEmpty())
        return m_placeholder->text();
    return {};
}

void OutputView::setOutput(const QJsonValue& output, const QJsonObject& outputSchema) {
    const OutputPlan plan = planOutput(output, outputSchema);
    const Kind kind = toKind(plan.kind);
    const bool sameKind = kind == m_kind && m_renderer;
    const bool sameOutput = output == m_output;
    m_output = output;
    switch (plan.kind) {
        case OutputPlan::Kind::Empty:
            if (m_kind != Kind::Empty || m_renderer)
                showPlaceholder(tr("The prediction returned no output."));
            m_output = output;
            return;
        case OutputPlan::Kind::Text: {
            auto* text = sameKind ? qobject_cast<TextOutput*>(m_renderer) : nullptr;
            if (!text) {
                text = new TextOutput(this);
                setRenderer(text, kind);
            }
            text->setText(plan.text);
            return;
        }
        case OutputPlan::Kind::Json: {
            // Objects that carry images (an annotated picture beside detections, say) show them
            // above the tree.
            QStringList images;
            const QJsonObject object = output.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                const QString text = it.value().toString();
                if (isFileReference(text) && mediaKindOfUrl(text) == MediaKind::Image)
                    images << text;
            }
            auto* json = sameKind ? m_renderer->findChild<widgets::JsonView*>() : nullptr;
            auto* imageView = sameKind ? m_renderer->findChild<ImageOutput*>() : nullptr;
            if (!json || (imageView == nullptr) != images.isEmpty()) {
                auto* split = new QSplitter(Qt::Vertical, this);
                split->setObjectName(QStringLiteral("objectOutput"));
                split->setChildrenCollapsible(false);
                if (!images.isEmpty()) {
                    imageView = new ImageOutput(m_files, split);
                    split->addWidget(imageView);
                }
                json = new widgets::JsonView(split);
                split->addWidget(json);
                split->setStretchFactor(0, 3);
                split->setStretchFactor(1, 2);
                setRenderer(split, kind);
            }
            if (imageView)
                imageView->setUrls(images);
            json->setJson(output);
            return;
        }
        case OutputPlan::Kind::Image:
        case OutputPlan::Kind::ImageList: {
            // One image and a list share a renderer, so a list growing from one keeps its view.
            auto* images = qobject_cast<ImageOutput*>(m_renderer);
            if (!images) {
                images = new ImageOutput(m_files, this);
                setRenderer(images, kind);
            } else {
                m_kind = kind;
            }
            images->setUrls(plan.urls);
            return;
        }
        case OutputPlan::Kind::Audio:
            if (!sameKind || !sameOutput)
                setRenderer(new AudioOutput(m_files, plan.urls.constFirst(), this), kind);
            return;
        case OutputPlan::Kind::Video: {
            auto* video = sameKind ? qobject_cast<VideoOutput*>(m_renderer) : nullptr;
            if (!video || video->url() != plan.urls.constFirst())
                setRenderer(new VideoOutput(m_files, plan.urls.constFirst(), this), kind);
            return;
        }
        case OutputPlan::Kind::Glb: {
            // One mesh: an inline preview with the file's buttons under it.
            auto* glb = sameKind ? qobject_cast<GlbOutput*>(m_renderer) : nullptr;
            if (!glb || glb->url() != plan.urls.constFirst())
                setRenderer(new GlbOutput(m_files, plan.urls.constFirst(), this), kind);
            return;
        }
        case OutputPlan::Kind::FileList: {
            auto* files = sameKind ? qobject_cast<FileListOutput*>(m_renderer) : nullptr;
            if (!files) {
                files = new FileListOutput(m_files, this);
                setRenderer(files, kind);
            }
            files->setUrls(plan.urls);
            return;
        }
        case OutputPlan::Kind::File:
            if (m_resolving != plan.urls.constFirst())
                resolveFile(plan.urls.constFirst());
            return;
    }
}

// A file whose URL does not say what it is: fetch it, then show it by its content type.
void OutputView::resolveFile(const QString& url) {
    setRenderer(nullptr, Kind::File);
    m_resolving = url;
    m_placeholder->setStyleSheet(QString());
    m_placeholder->setText(tr("Loading output\u2026"));
    m_placeholder->show();
    m_files->fetch(url, this, [this, url](const OutputFiles::Result& result) {
        if (m_resolving != url)
            return;
        MediaKind media = MediaKind::Other;
        if (result) {
            media = mediaKindOfType(result->contentType);
            if (media == MediaKind::Unknown || media == MediaKind::Other) {
                QImage probe;
                if (probe.loadFromData(result->bytes))
                    media = MediaKind::Image;
                else if (result->bytes.startsWith("glTF"))
                    media = MediaKind::Glb;
            }
        }
        if (media == MediaKind::Image) {
            auto* images = new ImageOutput(m_files, this);
            setRenderer(images, Kind::Image);
            images->setUrls({url});
        } else if (media == MediaKind::Video && result) {
            setRenderer(new VideoOutput(m_files, url, this), Kind::Video);
        } else if (media == MediaKind::Glb && result) {
            setRenderer(new GlbOutput(m_files, url, this), Kind::Glb);
        } else if (media == MediaKind::Audio) {
            setRenderer(new AudioOutput(m_files, url, this), Kind::Audio);
        } else if ((media == MediaKind::Text || media == MediaKind::Json) &&
                   result->bytes.size() <= kMaxInlineText) {
            const QJsonDocument json = QJsonDocument::fromJson(result->bytes);
            if (media == MediaKind::Json && !json.isNull()) {
                auto* view = new widgets::JsonView(this);
                setRenderer(view, Kind::Json);
                view->setJson(json.isObject() ? QJsonValue(json.object())
                                              : QJsonValue(json.array()));
            } else {
                auto* text = new TextOutput(this);
                setRenderer(text, Kind::Text);
                text->setText(QString::fromUtf8(result->bytes));
            }
        } else {
            auto* files = new FileListOutput(m_files, this);
            setRenderer(files, media == MediaKind::Glb ? Kind::Glb : Kind::FileList);
            files->setUrls({url});
            if (!result) {
                // Still offer the row (Save retries), and say what went wrong above it.
                m_placeholder->setStyleSheet(errorStyleSheet(palette()));
                m_placeholder->setText(
                    tr("Cannot load the output file: %1").arg(result.error().message()));
                m_placeholder->show();
            }
        }
    });
}

}  // namespace replicant::ui
