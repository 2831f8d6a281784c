#pragma once

#include <QStringList>
#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSlider;
class QToolButton;
class QVBoxLayout;

namespace replicant::viewers {
class AudioPlayer;
class ImageView;
}  // namespace replicant::viewers

namespace replicant::ui {

class OutputFiles;

// Asks where to save the file at `url` and writes it there; `report` gets an error message, or
// "Saved to PATH". The file is downloaded first if it has not been.
void saveOutputFile(QWidget* parent, OutputFiles* files, const QString& url,
                    std::function<void(const QString& message, bool error)> report);

// Text output, streamed or whole: read-only, selectable, with Copy. Keeps following the end while
// the user has not scrolled up.
class TextOutput : public QWidget {
    Q_OBJECT

public:
    explicit TextOutput(QWidget* parent = nullptr);
    void setText(const QString& text);
    QString text() const;

private:
    QPlainTextEdit* m_text;
};

// One image, or a list of them with a scrubber to step through (intermediate frames): the image
// view zooms (wheel, Ctrl +/-), fits, shows actual size, and saves. A file that does not decode
// as an image says so in place.
class ImageOutput : public QWidget {
    Q_OBJECT

public:
    ImageOutput(OutputFiles* files, QWidget* parent = nullptr);
    // New URLs appended to the list keep the current position, unless it was on the last image.
    void setUrls(const QStringList& urls);
    int count() const { return int(m_urls.size()); }
    int currentIndex() const { return m_index; }
    void showIndex(int index);
    QString errorText() const;
    viewers::ImageView* view() const { return m_view; }
    QSlider* scrubber() const { return m_scrubber; }

private:
    void load();

    OutputFiles* m_files;
    QStringList m_urls;
    int m_index = -1;
    viewers::ImageView* m_view;
    QWidget* m_scrubberRow;
    QSlider* m_scrubber;
    QLabel* m_position;
    QLabel* m_info;  // size and type, or the error
    bool m_error = false;
};

// Audio: a player when Qt Multimedia is built in, and Save.
class AudioOutput : public QWidget {
    Q_OBJECT

public:
    AudioOutput(OutputFiles* files, const QString& url, QWidget* parent = nullptr);
    QString errorText() const;

private:
    viewers::AudioPlayer* m_player = nullptr;
    QLabel* m_info;
};

// Files without a viewer of their own: name, type and Save for each; GLB meshes also get "Open
// in 3D viewer", enabled once a viewer is hooked in (setModelViewerHook).
class FileListOutput : public QWidget {
    Q_OBJECT

public:
    using ModelViewerHook = std::function<void(const QByteArray& glb, const QString& name)>;
    static void setModelViewerHook(ModelViewerHook hook);
    static bool hasModelViewer();

    FileListOutput(OutputFiles* files, QWidget* parent = nullptr);
    void setUrls(const QStringList& urls);
    int count() const { return int(m_urls.size()); }

private:
    QWidget* buildRow(const QString& url);

    OutputFiles* m_files;
    QStringList m_urls;
    QVBoxLayout* m_rows;
    QLabel* m_status;
};

}  // namespace replicant::ui
