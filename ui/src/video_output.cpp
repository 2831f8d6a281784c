#include "video_output.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMimeDatabase>
#include <QPushButton>
#include <QTemporaryFile>
#include <QUrl>
#include <QVBoxLayout>

#include "output_files.h"
#include "output_plan.h"
#include "output_renderers.h"
#include "status_style.h"
#ifdef REPLICANT_HAVE_VIDEO
#include "replicant/viewers/video_player.h"
#endif

namespace replicant::ui {

VideoOutput::VideoOutput(OutputFiles* files, const QString& url, QWidget* parent)
    : QWidget(parent), m_url(url), m_info(new QLabel(this)) {
    setObjectName(QStringLiteral("videoOutput"));
    m_info->setObjectName(QStringLiteral("outputInfo"));
    m_info->setForegroundRole(QPalette::PlaceholderText);
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto report = [this](const QString& message, bool error) {
        m_error = error;
        m_info->setStyleSheet(error ? errorStyleSheet(palette()) : QString());
        m_info->setText(message);
    };
    auto* save = new QPushButton(tr("Save\u2026"), this);
    save->setObjectName(QStringLiteral("saveOutput"));
    connect(save, &QPushButton::clicked, this,
            [this, files, report] { saveOutputFile(this, files, m_url, report); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
#ifdef REPLICANT_HAVE_VIDEO
    m_player = new viewers::VideoPlayer(this);
    layout->addWidget(m_player, 1);
    connect(m_player, &viewers::VideoPlayer::failed, this,
            [report](const QString& message) { report(message, true); });
#endif
    auto* row = new QHBoxLayout;
    row->addWidget(m_info, 1);
    row->addWidget(save);
    layout->addLayout(row);
    report(tr("Loading video\u2026"), false);

    files->fetch(url, this, [this, report](const OutputFiles::Result& result) {
        if (!result)
            return report(tr("Cannot load the video: %1").arg(result.error().message()), true);
        QString type = result->contentType;
        if (mediaKindOfType(type) != MediaKind::Video)
            type = QMimeDatabase()
                       .mimeTypeForFileNameAndData(suggestedFileName(m_url), result->bytes)
                       .name();
        const QString info = QStringLiteral("%1 \u00b7 %2")
                                 .arg(type, QLocale().formattedDataSize(result->bytes.size()));
#ifdef REPLICANT_HAVE_VIDEO
        // The player reads a file: every backend opens those, and seeking needs no buffering.
        const QString suffix = QMimeDatabase().mimeTypeForName(type).preferredSuffix();
        m_file = new QTemporaryFile(QDir::tempPath() + QStringLiteral("/replicant-video-XXXXXX.") +
                                        (suffix.isEmpty() ? QStringLiteral("mp4") : suffix),
                                    this);
        if (!m_file->open() || m_file->write(result->bytes) != result->bytes.size()) {
            return report(
                tr("Cannot write the video to a temporary file: %1").arg(m_file->errorString()),
                true);
        }
        m_file->flush();
        report(info, false);
        m_player->setSource(QUrl::fromLocalFile(m_file->fileName()));
#else
        report(info + tr(" \u00b7 this build has no video player"), false);
#endif
    });
}

VideoOutput::~VideoOutput() {
#ifdef REPLICANT_HAVE_VIDEO
    if (m_player)
        m_player->stop();  // before the file goes
#endif
}

QString VideoOutput::errorText() const {
    return m_error ? m_info->text() : QString();
}

}  // namespace replicant::ui
