#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QWidget>

#include <functional>

class QLabel;
class QVBoxLayout;

namespace replicant::ui {

class ApiClient;
class OutputFiles;

// Shows a prediction's output with the renderer its schema and content call for: text (iterator
// outputs joined, x-cog-array-display "concatenate" without separators), images (zoom, fit,
// save), lists of images with a scrubber, audio and video with players, JSON as a tree, GLB
// meshes with an inline 3D preview (and "Open in 3D viewer" once a viewer window is hooked in),
// and other files with Save. Updating it with a
// growing output (streaming) extends what is shown instead of starting over. Files are fetched
// through the API client; a file that cannot be fetched or decoded is explained in place.
class OutputView : public QWidget {
    Q_OBJECT

public:
    enum class Kind { Empty, Text, Json, Image, ImageList, Audio, Glb, File, FileList, Video };
    Q_ENUM(Kind)

    explicit OutputView(ApiClient* client, QWidget* parent = nullptr);

    void setOutput(const QJsonValue& output, const QJsonObject& outputSchema = {});
    // No output: shows `message` ("Run the model to see its output here").
    void showPlaceholder(const QString& message);

    Kind kind() const { return m_kind; }
    const QJsonValue& output() const { return m_output; }
    // The text shown by a text output.
    QString text() const;
    // The current renderer's error ("cannot decode..."), if any.
    QString errorText() const;
    QWidget* renderer() const { return m_renderer; }

    // What "Open in 3D viewer" calls with a GLB's bytes; unset, the button is disabled.
    using ModelViewerHook = std::function<void(const QByteArray& glb, const QString& name)>;
    static void setModelViewerHook(ModelViewerHook hook);

signals:
    // The renderer changed (not emitted when a streamed output merely grows).
    void kindChanged(replicant::ui::OutputView::Kind kind);

private:
    void setRenderer(QWidget* renderer, Kind kind);
    void resolveFile(const QString& url);

    OutputFiles* m_files;
    QJsonValue m_output;
    Kind m_kind = Kind::Empty;
    QWidget* m_renderer = nullptr;
    QLabel* m_placeholder;
    QVBoxLayout* m_layout;
    QString m_resolving;  // URL of a file being fetched to find out what it is
};

}  // namespace replicant::ui
