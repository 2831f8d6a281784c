#include "replicant/viewers/audio_player.h"

#include <QBuffer>
#include <QLabel>
#include <QMediaPlayer>
#include <QUrl>
#include <QVBoxLayout>

#include "media_transport.h"

namespace replicant::viewers {

AudioPlayer::AudioPlayer(QWidget* parent)
    : QWidget(parent), m_transport(new MediaTransport(this)), m_error(new QLabel(this)) {
    setObjectName(QStringLiteral("audioPlayer"));
    connect(m_transport, &MediaTransport::playClicked, this, &AudioPlayer::togglePlayback);
    m_error->setWordWrap(true);
    m_error->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_transport);
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
    m_transport->setPlayEnabled(!bytes.isEmpty());
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
    m_player = makeMediaPlayer(this);
    m_transport->attach(m_player);
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

}  // namespace replicant::viewers
