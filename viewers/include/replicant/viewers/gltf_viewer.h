#pragma once

#include <QByteArray>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

#include "replicant/viewers/gltf_scene.h"

class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QSlider;
class QStackedWidget;
class QToolBar;
class QToolButton;

namespace replicant::viewers {

class GltfLoadResult;
class GltfView;

namespace detail {
class GltfInfoPanel;
struct LoadJob;
}  // namespace detail

// A complete GLB/glTF viewer to embed anywhere: the 3D view, a toolbar of view toggles, an
// animation bar (play, pause, scrub), an info panel, and loading off the UI thread with a
// progress bar. Problems show in place: a clear message for files that cannot be shown, a
// banner and the info panel's list for warnings.
class GltfViewer : public QWidget {
    Q_OBJECT

public:
    enum class State { Empty, Loading, Loaded, Failed };
    Q_ENUM(State)

    explicit GltfViewer(QWidget* parent = nullptr);
    ~GltfViewer() override;  // cancels a load in progress and waits for its thread

    // Starts loading; the result arrives with loaded() or loadFailed().
    void openFile(const QString& path);
    // For bytes that come from elsewhere (a prediction's output): external URIs are not read.
    void openData(const QByteArray& bytes, const QString& name);
    void cancelLoading();
    void clear();

    State state() const { return m_state; }
    QString currentName() const { return m_name; }
    QString errorMessage() const { return m_error; }
    std::shared_ptr<const GltfScene> scene() const;
    GltfView* view() const { return m_view; }
    int loadProgress() const;

    // The view's toggles and commands, for menus: wireframe, normals, bounding box, grid,
    // info panel, then reset view.
    QList<QAction*> viewActions() const;
    QAction* playAction() const { return m_playAction; }
    // The side panel, e.g. hidden where the viewer is embedded in a narrow place.
    void setInfoPanelVisible(bool visible);

signals:
    void stateChanged(replicant::viewers::GltfViewer::State state);
    void loaded(const QString& name);
    void loadFailed(const QString& name, const QString& message);

private:
    void start(const QString& name,
               std::function<GltfLoadResult(const std::shared_ptr<detail::LoadJob>&)> load);
    void finish(const GltfLoadResult& result);
    void setState(State state);
    void showScene(std::shared_ptr<const GltfScene> scene);
    void updateProgress();
    void updateAnimationBar();
    void updateTimeLabel();
    QToolBar* buildToolBar();
    QWidget* buildAnimationBar();
    QWidget* buildLoadingPage();
    QWidget* buildErrorPage();

    State m_state = State::Empty;
    QString m_name;
    QString m_error;
    std::shared_ptr<detail::LoadJob> m_job;
    QTimer m_progressTimer;

    GltfView* m_view = nullptr;
    detail::GltfInfoPanel* m_info = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_loadingLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_errorTitle = nullptr;
    QLabel* m_errorText = nullptr;
    QWidget* m_animationBar = nullptr;
    QComboBox* m_animations = nullptr;
    QToolButton* m_playButton = nullptr;
    QSlider* m_timeSlider = nullptr;
    QLabel* m_timeLabel = nullptr;
    QList<QAction*> m_viewActions;
    QAction* m_playAction = nullptr;
    QAction* m_infoAction = nullptr;
};

}  // namespace replicant::viewers
