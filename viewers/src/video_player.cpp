#include "replicant/viewers/video_player.h"

#include <QAudioOutput>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaPlayer>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <QVideoWidget>

#include "qt_media_setup.h"

namespace replicant::viewers {

namespace {
QMediaPlayer* makePlayer(QObject* parent) {
    preferFfmpegMediaBackend();
    return new QMediaPlayer(parent);
}

QString clock(qint64 ms) {
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
}  // namespace

VideoPlayer::VideoPlayer(QWidget* parent)
    : QWidget(parent),
      m_player(makePlayer(this)),
      m_audio(new QAudioOutput(this)),
      m_video(new QVideoWidget(this)),
      m_play(new QToolButton(this)),
      m_position(new QSlider(Qt::Horizontal, this)),
      m_time(new QLabel(clock(0), this)),
      m_error(new QLabel(this)) {
    setObjectName(QStringLiteral("videoPlayer"));
    m_player->setAudioOutput(m_audio);
    m_player->setVideoOutput(m_video);
    m_video->setMinimumHeight(180);
    m_play->setObjectName(QStringLiteral("play"));
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setToolTip(tr("Play"));
    m_play->setEnabled(false);
    connect(m_play, &QToolButton::clicked, this, &VideoPlayer::togglePlayback);
    m_position->setObjectName(QStringLiteral("position"));
    m_position->setEnabled(false);
    connect(m_position, &QSlider::sliderMoved, this, [this](int ms) { seek(ms); });
    m_time->setForegroundRole(QPalette::PlaceholderText);
    m_error->setObjectName(QStringLiteral("videoError"));
    m_error->setWordWrap(true);
    m_error->hide();

    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        m_position->setRange(0, int(ms));
        m_position->setEnabled(ms > 0);
        if (ms > 0 && m_error->isHidden())
            m_play->setEnabled(true);
        updateTime();
    });
    connect(m_player, &QMediaPlayer::positionChanged, this, [this](qint64 ms) {
        if (!m_position->isSliderDown())
            m_position->setValue(int(ms));
        updateTime();
    });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this,
            [this](QMediaPlayer::MediaStatus status) {
                if (status == QMediaPlayer::LoadedMedia) {
                    m_play->setEnabled(true);
                    emit loaded();
                } else if (status == QMediaPlayer::InvalidMedia && m_error->isHidden()) {
                    showError(tr("This video cannot be decoded here."));
                }
            });
    connect(m_player, &QMediaPlayer::playbackStateChanged, this,
            [this](QMediaPlayer::PlaybackState state) {
                const bool playing = state == QMediaPlayer::PlayingState;
                m_play->setIcon(
                    style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
                m_play->setToolTip(playing ? tr("Pause") : tr("Play"));
            });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString& message) {
                showError(tr("Cannot play this video: %1").arg(message));
            });

    auto* controls = new QHBoxLayout;
    controls->setSpacing(8);
    controls->addWidget(m_play);
    controls->addWidget(m_position, 1);
    controls->addWidget(m_time);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_video, 1);
    layout->addWidget(m_error);
    layout->addLayout(controls);
}

VideoPlayer::~VideoPlayer() {
    m_player->stop();
}

void VideoPlayer::setSource(const QUrl& url) {
    m_error->hide();
    m_video->show();
    m_play->setEnabled(false);
    m_position->setEnabled(false);
    m_player->setSource(url);
}

void VideoPlayer::showError(const QString& message) {
    m_error->setText(message);
    m_error->show();
    m_video->hide();
    m_play->setEnabled(false);
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

void VideoPlayer::updateTime() {
    m_time->setText(
        QStringLiteral("%1 / %2").arg(clock(m_player->position()), clock(m_player->duration())));
}

}  // namespace replicant::viewers
