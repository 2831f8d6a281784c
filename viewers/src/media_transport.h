#pragma once

#include <QWidget>

class QLabel;
class QMediaPlayer;
class QObject;
class QSlider;
class QToolButton;

namespace replicant::viewers {

// Makes a QMediaPlayer with an audio output, both children of parent, after asking for the
// FFmpeg backend (qt_media_setup.h).
QMediaPlayer* makeMediaPlayer(QObject* parent);

// The controls shared by the audio and video players: play/pause ("play"), a position slider
// to seek ("position") and the time. Once attached, it follows the player's duration, position
// and playback state; a click on play/pause emits playClicked for its owner to act on.
class MediaTransport : public QWidget {
    Q_OBJECT

public:
    explicit MediaTransport(QWidget* parent = nullptr);

    void attach(QMediaPlayer* player);
    void setPlayEnabled(bool enabled);
    void setSeekEnabled(bool enabled);

signals:
    void playClicked();

private:
    void updateTime();

    QMediaPlayer* m_player = nullptr;
    QToolButton* m_play;
    QSlider* m_position;
    QLabel* m_time;
};

}  // namespace replicant::viewers
