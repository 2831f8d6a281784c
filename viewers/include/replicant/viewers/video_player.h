#pragma once

#include <QString>
#include <QUrl>
#include <QWidget>

class QLabel;
class QMediaPlayer;
class QVideoWidget;

namespace replicant::viewers {

class MediaTransport;

// Plays one video (MP4, WebM... whatever the Qt Multimedia backend decodes) from a URL, a local
// file usually: the picture, play/pause, a position slider to seek, and the time. Errors from
// the backend (no decoder, corrupt data) are shown in place of the picture.
class VideoPlayer : public QWidget {
    Q_OBJECT

public:
    explicit VideoPlayer(QWidget* parent = nullptr);
    ~VideoPlayer() override;

    void setSource(const QUrl& url);
    QString errorText() const;
    bool isPlaying() const;
    // Milliseconds; 0 until the backend knows.
    qint64 duration() const;
    qint64 position() const;
    QMediaPlayer* player() const { return m_player; }

public slots:
    void togglePlayback();
    void seek(qint64 ms);
    void stop();

signals:
    // The backend has read the video's header (duration known) or failed to.
    void loaded();
    void failed(const QString& message);

private:
    void showError(const QString& message);

    QMediaPlayer* m_player;
    QVideoWidget* m_video;
    MediaTransport* m_transport;
    QLabel* m_error;
};

}  // namespace replicant::viewers
