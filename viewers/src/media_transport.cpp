#include "media_transport.h"

#include <QAudioOutput>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaPlayer>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include "qt_media_setup.h"

namespace replicant::viewers {

namespace {
QString clock(qint64 ms) {
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
}  // namespace

QMediaPlayer* makeMediaPlayer(QObject* parent) {
    preferFfmpegMediaBackend();
    auto* player = new QMediaPlayer(parent);
    player->setAudioOutput(new QAudioOutput(parent));
    return player;
}

MediaTransport::MediaTransport(QWidget* parent)
    : QWidget(parent),
      m_play(new QToolButton(this)),
      m_position(new QSlider(Qt::Horizontal, this)),
      m_time(new QLabel(clock(0), this)) {
    m_play->setObjectName(QStringLiteral("play"));
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setToolTip(tr("Play"));
    m_play->setEnabled(false);
    connect(m_play, &QToolButton::clicked, this, &MediaTransport::playClicked);
    m_position->setObjectName(QStringLiteral("position"));
    m_position->setEnabled(false);
    connect(m_position, &QSlider::sliderMoved, this, [this](int ms) {
        if (m_player)
            m_player->setPosition(ms);
    });
    m_time->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_play);
    layout->addWidget(m_position, 1);
    layout->addWidget(m_time);
}

void MediaTransport::attach(QMediaPlayer* player) {
    m_player = player;
    connect(player, &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        m_position->setRange(0, int(ms));
        m_position->setEnabled(ms > 0);
        updateTime();
    });
    connect(player, &QMediaPlayer::positionChanged, this, [this](qint64 ms) {
        if (!m_position->isSliderDown())
            m_position->setValue(int(ms));
        updateTime();
    });
    connect(player, &QMediaPlayer::playbackStateChanged, this,
            [this](QMediaPlayer::PlaybackState state) {
                const bool playing = state == QMediaPlayer::PlayingState;
                m_play->setIcon(
                    style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
                m_play->setToolTip(playing ? tr("Pause") : tr("Play"));
            });
}

void MediaTransport::setPlayEnabled(bool enabled) {
    m_play->setEnabled(enabled);
}

void MediaTransport::setSeekEnabled(bool enabled) {
    m_position->setEnabled(enabled);
}

void MediaTransport::updateTime() {
    m_time->setText(
        QStringLiteral("%1 / %2").arg(clock(m_player->position()), clock(m_player->duration())));
}

}  // namespace replicant::viewers
