#include "output_renderers.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSlider>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include "output_files.h"
#include "output_plan.h"
#include "replicant/viewers/image_view.h"
#include "status_style.h"
#ifdef REPLICANT_HAVE_AUDIO
#include "replicant/viewers/audio_player.h"
#endif

namespace replicant::ui {

namespace {
FileListOutput::ModelViewerHook& modelViewerHook() {
    static FileListOutput::ModelViewerHook hook;
    return hook;
}

QToolButton* toolButton(const QString& text, const QString& tip, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}

QLabel* infoLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("outputInfo"));
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void showMessage(QLabel* label, const QString& message, bool error) {
    label->setStyleSheet(error ? errorStyleSheet(label->palette()) : QString());
    label->setText(message);
    label->show();
}
}  // namespace

void saveOutputFile(QWidget* parent, OutputFiles* files, const QString& url,
                    std::function<void(const QString&, bool)> report) {
    files->fetch(url, parent, [parent, url, report](const OutputFiles::Result& result) {
        if (!result)
            return report(QObject::tr("Cannot download the file: %1").arg(result.error().message()),
                          true);
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
        const QString path = QFileDialog::getSaveFileName(
            parent, QObject::tr("Save output"),
            dir + QLatin1Char('/') + suggestedFileName(url, result->contentType));
        if (path.isEmpty())
            return;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(result->bytes) != result->bytes.size())
            return report(QObject::tr("Cannot write %1: %2").arg(path, file.errorString()), true);
        report(QObject::tr("Saved to %1").arg(path), false);
    });
}

// ---- TextOutput ---------------------------------------------------------------------------

TextOutput::TextOutput(QWidget* parent) : QWidget(parent), m_text(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("textOutput"));
    m_text->setObjectName(QStringLiteral("outputText"));
    m_text->setReadOnly(true);
    m_text->setFrameShape(QFrame::NoFrame);
    m_text->viewport()->setBackgroundRole(QPalette::AlternateBase);
    auto* copy = toolButton(tr("Copy"), tr("Copy the output text"), this);
    connect(copy, &QToolButton::clicked, this,
            [this] { QApplication::clipboard()->setText(text()); });
    auto* bar = new QHBoxLayout;
    bar->addStretch(1);
    bar->addWidget(copy);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_text, 1);
    layout->addLayout(bar);
}

void TextOutput::setText(const QString& text) {
    if (text == m_text->toPlainText())
        return;
    QScrollBar* bar = m_text->verticalScrollBar();
    const bool following = bar->value() >= bar->maximum() - 4;
    const QString old = m_text->toPlainText();
    if (!old.isEmpty() && text.startsWith(old)) {
        // Streamed text grows at the end: append instead of replacing, so selection survives.
        QTextCursor cursor(m_text->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(text.mid(old.size()));
    } else {
        m_text->setPlainText(text);
    }
    if (following)
        bar->setValue(bar->maximum());
}

QString TextOutput::text() const {
    return m_text->toPlainText();
}

// ---- ImageOutput --------------------------------------------------------------------------

ImageOutput::ImageOutput(OutputFiles* files, QWidget* parent)
    : QWidget(parent),
      m_files(files),
      m_view(new viewers::ImageView(this)),
      m_scrubberRow(new QWidget(this)),
      m_scrubber(new QSlider(Qt::Horizontal, m_scrubberRow)),
      m_position(new QLabel(m_scrubberRow)),
      m_info(infoLabel(this)) {
    setObjectName(QStringLiteral("imageOutput"));
    m_view->setObjectName(QStringLiteral("outputImage"));
    auto* fit = toolButton(tr("Fit"), tr("Fit the image to the view (Ctrl+0)"), this);
    auto* actual = toolButton(tr("100%"), tr("Actual pixels (Ctrl+1)"), this);
    auto* zoomIn = toolButton(QStringLiteral("+"), tr("Zoom in (Ctrl++)"), this);
    auto* zoomOut = toolButton(QStringLiteral("\u2212"), tr("Zoom out (Ctrl+-)"), this);
    auto* save = toolButton(tr("Save\u2026"), tr("Save this image"), this);
    save->setObjectName(QStringLiteral("saveOutput"));
    connect(fit, &QToolButton::clicked, m_view, &viewers::ImageView::fitToWindow);
    connect(actual, &QToolButton::clicked, m_view, &viewers::ImageView::showActualSize);
    connect(zoomIn, &QToolButton::clicked, m_view, &viewers::ImageView::zoomIn);
    connect(zoomOut, &QToolButton::clicked, m_view, &viewers::ImageView::zoomOut);
    auto* zoom = new QLabel(QStringLiteral("100%"), this);
    zoom->setForegroundRole(QPalette::PlaceholderText);
    connect(m_view, &viewers::ImageView::zoomChanged, zoom,
            [zoom](double z) { zoom->setText(QStringLiteral("%1%").arg(qRound(z * 100))); });
    connect(save, &QToolButton::clicked, this, [this] {
        if (m_index >= 0)
            saveOutputFile(this, m_files, m_urls.at(m_index),
                           [this](const QString& m, bool e) { showMessage(m_info, m, e); });
    });

    auto* prev = toolButton(QStringLiteral("\u25c0"), tr("Previous image"), m_scrubberRow);
    auto* next = toolButton(QStringLiteral("\u25b6"), tr("Next image"), m_scrubberRow);
    connect(prev, &QToolButton::clicked, this, [this] { showIndex(m_index - 1); });
    connect(next, &QToolButton::clicked, this, [this] { showIndex(m_index + 1); });
    m_scrubber->setObjectName(QStringLiteral("scrubber"));
    connect(m_scrubber, &QSlider::valueChanged, this, &ImageOutput::showIndex);
    auto* scrub = new QHBoxLayout(m_scrubberRow);
    scrub->setContentsMargins(0, 0, 0, 0);
    scrub->addWidget(prev);
    scrub->addWidget(m_scrubber, 1);
    scrub->addWidget(next);
    scrub->addWidget(m_position);
    m_scrubberRow->hide();

    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(m_info, 1);
    bar->addWidget(zoom);
    for (QToolButton* b : {zoomOut, zoomIn, fit, actual, save})
        bar->addWidget(b);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_scrubberRow);
    layout->addLayout(bar);
}

void ImageOutput::setUrls(const QStringList& urls) {
    const bool atEnd = m_index < 0 || m_index == m_urls.size() - 1;
    const bool changed = urls != m_urls;
    m_urls = urls;
    m_scrubberRow->setVisible(urls.size() > 1);
    m_scrubber->blockSignals(true);
    m_scrubber->setRange(0, std::max(0, int(urls.size()) - 1));
    m_scrubber->blockSignals(false);
    if (urls.isEmpty()) {
        m_index = -1;
        m_view->clear();
        return;
    }
    if (atEnd || m_index >= urls.size())
        showIndex(int(urls.size()) - 1);
    else if (changed)
        showIndex(m_index);
}

void ImageOutput::showIndex(int index) {
    if (index < 0 || index >= m_urls.size())
        return;
    const bool same = index == m_index && !m_view->image().isNull();
    m_index = index;
    m_scrubber->blockSignals(true);
    m_scrubber->setValue(index);
    m_scrubber->blockSignals(false);
    m_position->setText(QStringLiteral("%1 / %2").arg(index + 1).arg(m_urls.size()));
    if (!same)
        load();
}

void ImageOutput::load() {
    const QString url = m_urls.at(m_index);
    const int index = m_index;
    m_error = false;
    showMessage(m_info, tr("Loading image\u2026"), false);
    m_files->fetch(url, this, [this, url, index](const OutputFiles::Result& result) {
        if (index != m_index)
            return;  // the user moved on
        if (!result) {
            m_error = true;
            m_view->clear();
            showMessage(m_info, tr("Cannot load the image: %1").arg(result.error().message()),
                        true);
            return;
        }
        QImage image;
        if (!image.loadFromData(result->bytes)) {
            m_error = true;
            m_view->clear();
            showMessage(
                m_info,
                tr("The output is not a readable image (%1 of %2). Save it to inspect it.")
                    .arg(QLocale().formattedDataSize(result->bytes.size()),
                         result->contentType.isEmpty() ? tr("unknown type") : result->contentType),
                true);
            return;
        }
        m_view->setImage(image);
        showMessage(m_info,
                    QStringLiteral("%1 \u00d7 %2 \u00b7 %3 \u00b7 %4")
                        .arg(image.width())
                        .arg(image.height())
                        .arg(result->contentType.isEmpty() ? tr("image") : result->contentType,
                             QLocale().formattedDataSize(result->bytes.size())),
                    false);
    });
}

QString ImageOutput::errorText() const {
    return m_error ? m_info->text() : QString();
}

// ---- AudioOutput --------------------------------------------------------------------------

AudioOutput::AudioOutput(OutputFiles* files, const QString& url, QWidget* parent)
    : QWidget(parent), m_info(infoLabel(this)) {
    setObjectName(QStringLiteral("audioOutput"));
    auto* save = new QPushButton(tr("Save\u2026"), this);
    save->setObjectName(QStringLiteral("saveOutput"));
    connect(save, &QPushButton::clicked, this, [this, files, url] {
        saveOutputFile(this, files, url,
                       [this](const QString& m, bool e) { showMessage(m_info, m, e); });
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
#ifdef REPLICANT_HAVE_AUDIO
    m_player = new viewers::AudioPlayer(this);
    layout->addWidget(m_player);
#endif
    auto* row = new QHBoxLayout;
    row->addWidget(m_info, 1);
    row->addWidget(save);
    layout->addLayout(row);
    layout->addStretch(1);
    showMessage(m_info, tr("Loading audio\u2026"), false);
    files->fetch(url, this, [this](const OutputFiles::Result& result) {
        if (!result) {
            showMessage(m_info, tr("Cannot load the audio: %1").arg(result.error().message()),
                        true);
            return;
        }
        const QString info =
            QStringLiteral("%1 \u00b7 %2")
                .arg(result->contentType, QLocale().formattedDataSize(result->bytes.size()));
#ifdef REPLICANT_HAVE_AUDIO
        m_player->setAudio(result->bytes, result->contentType);
        showMessage(m_info, info, false);
#else
        showMessage(m_info, info + tr(" \u00b7 this build has no audio player"), false);
#endif
    });
}

QString AudioOutput::errorText() const {
    return m_info->styleSheet().isEmpty() ? QString() : m_info->text();
}

// ---- FileListOutput -----------------------------------------------------------------------

void FileListOutput::setModelViewerHook(ModelViewerHook hook) {
    modelViewerHook() = std::move(hook);
}

bool FileListOutput::hasModelViewer() {
    return static_cast<bool>(modelViewerHook());
}

FileListOutput::FileListOutput(OutputFiles* files, QWidget* parent)
    : QWidget(parent), m_files(files), m_rows(new QVBoxLayout), m_status(infoLabel(this)) {
    setObjectName(QStringLiteral("fileOutput"));
    m_rows->setSpacing(6);
    m_status->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_rows);
    layout->addWidget(m_status);
    layout->addStretch(1);
}

void FileListOutput::setUrls(const QStringList& urls) {
    // Rows for new URLs only: a growing list keeps its rows.
    if (urls.mid(0, m_urls.size()) != m_urls) {
        while (QLayoutItem* item = m_rows->takeAt(0)) {
            delete item->widget();
            delete item;
        }
        m_urls.clear();
    }
    for (qsizetype i = m_urls.size(); i < urls.size(); ++i)
        m_rows->addWidget(buildRow(urls.at(i)));
    m_urls = urls;
}

QWidget* FileListOutput::buildRow(const QString& url) {
    auto* row = new QWidget(this);
    row->setObjectName(QStringLiteral("fileRow"));
    const MediaKind kind = mediaKindOfUrl(url);
    auto* name = new QLabel(suggestedFileName(url), row);
    name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    name->setToolTip(url.startsWith(QLatin1String("data:")) ? tr("Inline data") : url);
    auto* save = new QPushButton(tr("Save\u2026"), row);
    save->setObjectName(QStringLiteral("saveOutput"));
    connect(save, &QPushButton::clicked, this, [this, url] {
        saveOutputFile(this, m_files, url,
                       [this](const QString& m, bool e) { showMessage(m_status, m, e); });
    });
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(name, 1);
    if (kind == MediaKind::Glb) {
        // The hook for the GLB viewer: until one is registered, the button says why it waits.
        auto* open = new QPushButton(tr("Open in 3D viewer"), row);
        open->setObjectName(QStringLiteral("openIn3d"));
        open->setEnabled(hasModelViewer());
        open->setToolTip(hasModelViewer()
                             ? tr("Open this mesh in the 3D viewer")
                             : tr("The 3D viewer is not part of this build yet; save the file "
                                  "to open it elsewhere."));
        connect(open, &QPushButton::clicked, this, [this, url] {
            m_files->fetch(url, this, [this, url](const OutputFiles::Result& result) {
                if (!result)
                    return showMessage(m_status, result.error().message(), true);
                if (auto& hook = modelViewerHook())
                    hook(result->bytes, suggestedFileName(url, result->contentType));
            });
        });
        layout->addWidget(open);
    }
    layout->addWidget(save);
    return row;
}

}  // namespace replicant::ui
