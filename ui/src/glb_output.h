#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QStackedWidget;

namespace replicant::viewers {
class GltfView;
}

namespace replicant::ui {

class FileListOutput;
class OutputFiles;

// A GLB output: an inline, interactive preview of the mesh (the viewers' GltfView: drag to
// orbit, wheel to zoom), and below it the file's row with "Open in 3D viewer" and Save. The
// mesh is parsed off the UI thread; a file that does not load, or a machine without OpenGL 3.3,
// says so in place of the preview.
class GlbOutput : public QWidget {
    Q_OBJECT

public:
    GlbOutput(OutputFiles* files, const QString& url, QWidget* parent = nullptr);

    QString url() const { return m_url; }
    // Whether the mesh is loaded into the preview.
    bool isLoaded() const { return m_loaded; }
    // Why there is no preview ("" while loading or once shown).
    QString errorText() const;
    viewers::GltfView* view() const { return m_view; }

    // Whether this machine can create an OpenGL context for the preview (checked once).
    static bool canPreview();

signals:
    void loaded();

private:
    void showError(const QString& message);

    QString m_url;
    QStackedWidget* m_stack;
    viewers::GltfView* m_view = nullptr;
    QLabel* m_message;
    FileListOutput* m_file;
    bool m_loaded = false;
    bool m_error = false;
};

}  // namespace replicant::ui
