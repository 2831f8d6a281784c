#include "replicant/viewers/gltf_viewer_window.h"

#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMimeData>

#include "replicant/viewers/gltf_view.h"
#include "replicant/viewers/gltf_viewer.h"

namespace replicant::viewers {

GltfViewerWindow::GltfViewerWindow(QWidget* parent) : QMainWindow(parent) {
    m_viewer = new GltfViewer;
    setCentralWidget(m_viewer);
    setAcceptDrops(true);
    resize(1100, 720);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &GltfViewerWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_viewer->viewActions());
    view->addSeparator();
    view->addAction(m_viewer->playAction());

    connect(m_viewer, &GltfViewer::loaded, this, [this](const QString& path) {
        m_recent.add(path);
        rebuildRecentMenu();
        updateTitle();
        m_viewer->view()->setFocus();
    });
    connect(m_viewer, &GltfViewer::stateChanged, this, &GltfViewerWindow::updateTitle);
    rebuildRecentMenu();
    updateTitle();
}

void GltfViewerWindow::openFile(const QString& path) {
    m_viewer->openFile(path);
}

void GltfViewerWindow::chooseFile() {
    const QStringList recent = m_recent.paths();
    const QString start = recent.isEmpty() ? QString() : QFileInfo(recent.first()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open 3D model"), start, tr("glTF models (*.glb *.gltf);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void GltfViewerWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList paths = m_recent.paths();
    for (const QString& path : paths) {
        QAction* action = m_recentMenu->addAction(QFileInfo(path).fileName(), this,
                                                  [this, path] { openFile(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    if (!paths.isEmpty())
        m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("Clear list"), this, [this] {
        m_recent.clear();
        rebuildRecentMenu();
    });
    clear->setEnabled(!paths.isEmpty());
}

void GltfViewerWindow::updateTitle() {
    const QString name = QFileInfo(m_viewer->currentName()).fileName();
    setWindowTitle(name.isEmpty() ? tr("Replicant 3D viewer")
                                  : tr("%1 — Replicant 3D viewer").arg(name));
}

QString GltfViewerWindow::droppedFile(const QList<QUrl>& urls) {
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return {};
    const QString path = urls.first().toLocalFile();
    return QFileInfo(path).isFile() ? path : QString();
}

void GltfViewerWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() && !droppedFile(event->mimeData()->urls()).isEmpty())
        event->acceptProposedAction();
}

void GltfViewerWindow::dropEvent(QDropEvent* event) {
    const QString path = droppedFile(event->mimeData()->urls());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openFile(path);
}

}  // namespace replicant::viewers
