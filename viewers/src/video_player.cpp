#include "replicant/viewers/video_player.h"

#include <QLabel>
#include <QMediaPlayer>
#include <QVBoxLayout>
#include <QVideoWidget>

#include "media_transport.h"

namespace replicant::viewers {

VideoPlayer::VideoPlayer(QWidget* parent)
    : QWidget(parent),
      m_player(makeMediaPlayer(this)),
      m_video(new QVideoWidget(this)),
      m_transport(new MediaTransport(this)),
      m_error(new QLabel(this)) {
    setObjectName(QStringLiteral("videoPlayer"));
    m_player->setVideoOutput(m_video);
    m_video->setMinimumHeight(180);
    m_transport->attach(m_player);
    connect(m_transport, &MediaTransport::playClicked, this, &VideoPlayer::togglePlayback);
    m_error->setObjectName(QStringLiteral("videoError"));
    m_error->setWordWrap(true);
    m_error->hide();

    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        if (ms > 0 && m_error->isHidden())
            m_transport->setPlayEnabled(true);
    });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this,
            [this](QMediaPlayer::MediaStatus status) {
                if (status == QMediaPlayer::LoadedMedia) {
                    m_transport->setPlayEnabled(true);
                    emit loaded();
                } else if (status == QMediaPlayer::InvalidMedia && m_error->isHidden()) {
                    showError(tr("This video cannot be decoded here."));
                }
            });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString& message) {
                showError(tr("Cannot play this video: %1").arg(message));
            });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_video, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_transport);
}

VideoPlayer::~VideoPlayer() {
    m_player->stop();
}

void VideoPlayer::setSource(const QUrl& url) {
    m_error->hide();
    m_video->show();
    m_transport->setPlayEnabled(false);
    m_transport->setSeekEnabled(false);
    m_player->setSource(url);
}

void VideoPlayer::showError(const QString& message) {
    m_error->setText(message);
    m_error->show();
    m_video->hide();
    m_transport->setPlayEnabled(false);
    emit failed(message);
}

void VideoPlayer::togglePlayback() {
    if (m_player->playbackState() == QMediaPlayer::PlayingState)
        m_player->pause();
    else
        m_player->play();
}

void VideoPlayer::seek(qint64 ms) {
    m_player->setPosition(ms);
}

void VideoPlayer::stop() {
    m_player->stop();
}

bool VideoPlayer::isPlaying() const {
    return m_player->playbackState() == QMediaPlayer::PlayingState;
}

qint64 VideoPlayer::duration() const {
    return m_player->duration();
}

qint64 VideoPlayer::position() const {
    return m_player->position();
}

QString VideoPlayer::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

}  // namespace replicant::viewers
