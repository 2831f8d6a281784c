#pragma once

#include <QMainWindow>
#include <QString>

#include "replicant/viewers/recent_files.h"

class QMenu;

namespace replicant::viewers {

class GltfViewer;

// A window around a GltfViewer: File ▸ Open, Open Recent and Quit, a View menu with the
// viewer's toggles, and drag and drop of .glb / .gltf files from anywhere.
class GltfViewerWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit GltfViewerWindow(QWidget* parent = nullptr);

    GltfViewer* viewer() const { return m_viewer; }
    void openFile(const QString& path);
    // Asks for a file, starting where the last one was.
    void chooseFile();
    QMenu* recentMenu() const { return m_recentMenu; }

    // Whether a drop of these URLs holds something to open: one local file.
    static QString droppedFile(const QList<QUrl>& urls);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void rebuildRecentMenu();
    void updateTitle();

    GltfViewer* m_viewer = nullptr;
    QMenu* m_recentMenu = nullptr;
    RecentFiles m_recent;
};

}  // namespace replicant::viewers
