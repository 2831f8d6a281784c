#pragma once

#include <QByteArray>
#include <QString>
#include <QWidget>

class QBuffer;
class QLabel;
class QMediaPlayer;

namespace replicant::viewers {

class MediaTransport;

// Plays one audio clip held in memory (WAV, MP3, OGG, FLAC... whatever the Qt Multimedia
// backend decodes): play/pause, a position slider and the time. Errors from the backend (no
// decoder, corrupt data, no audio device) are shown in place.
class AudioPlayer : public QWidget {
    Q_OBJECT

public:
    explicit AudioPlayer(QWidget* parent = nullptr);
    ~AudioPlayer() override;

    void setAudio(const QByteArray& bytes, const QString& mimeType);
    QString errorText() const;
    bool isPlaying() const;

public slots:
    void togglePlayback();
    void stop();

private:
    void ensurePlayer();

    QByteArray m_bytes;
    QString m_mimeType;
    QBuffer* m_buffer = nullptr;
    QMediaPlayer* m_player = nullptr;
    MediaTransport* m_transport;
    QLabel* m_error;
};

}  // namespace replicant::viewers
