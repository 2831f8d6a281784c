#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QTemporaryFile;

namespace replicant::viewers {
class VideoPlayer;
}

namespace replicant::ui {

class OutputFiles;

// A video output (mp4, webm... by URL or content type): a player (play/pause, seek) when Qt
// Multimedia Widgets is built in, and Save. The file is downloaded through the API client into
// a temporary file the player reads, so private servers' files play too.
class VideoOutput : public QWidget {
    Q_OBJECT

public:
    VideoOutput(OutputFiles* files, const QString& url, QWidget* parent = nullptr);
    ~VideoOutput() override;

    QString url() const { return m_url; }
    QString errorText() const;
    viewers::VideoPlayer* player() const { return m_player; }

private:
    QString m_url;
    viewers::VideoPlayer* m_player = nullptr;
    QTemporaryFile* m_file = nullptr;
    QLabel* m_info;
    bool m_error = false;
};

}  // namespace replicant::ui
