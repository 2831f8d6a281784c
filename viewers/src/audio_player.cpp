#include "replicant/viewers/audio_player.h"

#include <QAudioOutput>
#include <QBuffer>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaPlayer>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include "qt_media_setup.h"

namespace replicant::viewers {

namespace {
QString clock(qint64 ms) {
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
}  // namespace

AudioPlayer::AudioPlayer(QWidget* parent)
    : QWidget(parent),
      m_play(new QToolButton(this)),
      m_position(new QSlider(Qt::Horizontal, this)),
      m_time(new QLabel(clock(0), this)),
      m_error(new QLabel(this)) {
    setObjectName(QStringLiteral("audioPlayer"));
    m_play->setObjectName(QStringLiteral("play"));
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setToolTip(tr("Play"));
    m_play->setEnabled(false);
    connect(m_play, &QToolButton::clicked, this, &AudioPlayer::togglePlayback);
    m_position->setEnabled(false);
    connect(m_position, &QSlider::sliderMoved, this, [this](int ms) {
        if (m_player)
            m_player->setPosition(ms);
    });
    m_time->setForegroundRole(QPalette::PlaceholderText);
    m_error->setWordWrap(true);
    m_error->hide();

    auto* controls = new QHBoxLayout;
    controls->setSpacing(8);
    controls->addWidget(m_play);
    controls->addWidget(m_position, 1);
    controls->addWidget(m_time);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_error);
}

AudioPlayer::~AudioPlayer() {
    if (m_player)
        m_player->stop();
}

void AudioPlayer::setAudio(const QByteArray& bytes, const QString& mimeType) {
    stop();
    m_bytes = bytes;
    m_mimeType = mimeType;
    m_error->hide();
    m_play->setEnabled(!bytes.isEmpty());
    if (m_player) {
        // A new clip: the next play() builds a fresh buffer.
        m_player->setSourceDevice(nullptr);
        delete m_buffer;
        m_buffer = nullptr;
    }
}

void AudioPlayer::ensurePlayer() {
    if (m_player)
        return;
    // Made on first use: opening the audio backend costs time and may warn on machines without
    // sound, which should not slow down showing an output.
    preferFfmpegMediaBackend();
    m_player = new QMediaPlayer(this);
    m_output = new QAudioOutput(this);
    m_player->setAudioOutput(m_output);
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        m_position->setRange(0, int(ms));
        m_position->setEnabled(ms > 0);
        updateTime();
    });
    connect(m_player, &QMediaPlayer::positionChanged, this, [this](qint64 ms) {
        if (!m_position->isSliderDown())
            m_position->setValue(int(ms));
        updateTime();
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
                m_error->setText(tr("Cannot play this audio: %1").arg(message));
                m_error->show();
            });
}

void AudioPlayer::togglePlayback() {
    if (m_bytes.isEmpty())
        return;
    ensurePlayer();
    if (m_player->playbackState() == QMediaPlayer::PlayingState) {
        m_player->pause();
        return;
    }
    if (!m_buffer) {
        m_buffer = new QBuffer(&m_bytes, this);
        m_buffer->open(QIODevice::ReadOnly);
        // The URL's file name only hints the format to the backend.
        m_player->setSourceDevice(
            m_buffer,
            QUrl(QStringLiteral("output.%1").arg(m_mimeType.section(QLatin1Char('/'), 1))));
    }
    m_player->play();
}

void AudioPlayer::stop() {
    if (m_player)
        m_player->stop();
}

bool AudioPlayer::isPlaying() const {
    return m_player && m_player->playbackState() == QMediaPlayer::PlayingState;
}

QString AudioPlayer::errorText() const {
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void AudioPlayer::updateTime() {
    if (!m_player)
        return;
    m_time->setText(
        QStringLiteral("%1 / %2").arg(clock(m_player->position()), clock(m_player->duration())));
}

}  // namespace replicant::viewers
