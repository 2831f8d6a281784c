#include "glb_output.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QLabel>
#include <QLocale>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QPointer>
#include <QStackedWidget>
#include <QThreadPool>
#include <QVBoxLayout>

#include "output_files.h"
#include "output_renderers.h"
#include "replicant/viewers/gltf_loader.h"
#include "replicant/viewers/gltf_view.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
constexpr int kPreviewMinHeight = 240;
}

bool GlbOutput::canPreview() {
    static const bool can = [] {
        // The offscreen and minimal platforms may create contexts (GLX under a virtual X
        // server) yet cannot composite a QOpenGLWidget into a window.
        const QString platform = QGuiApplication::platformName();
        if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal"))
            return false;
        QOpenGLContext context;
        context.setFormat(viewers::GltfView::surfaceFormat());
        if (!context.create())
            return false;
        QOffscreenSurface surface;
        surface.setFormat(context.format());
        surface.create();
        return surface.isValid() && context.makeCurrent(&surface) &&
               context.format().version() >= qMakePair(3, 3);
    }();
    return can;
}

GlbOutput::GlbOutput(OutputFiles* files, const QString& url, QWidget* parent)
    : QWidget(parent),
      m_url(url),
      m_stack(new QStackedWidget(this)),
      m_message(new QLabel(this)),
      m_file(new FileListOutput(files, this)) {
    setObjectName(QStringLiteral("glbOutput"));
    m_message->setObjectName(QStringLiteral("glbMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_message->setText(tr("Loading the 3D preview\u2026"));
    m_stack->addWidget(m_message);
    m_stack->setMinimumHeight(kPreviewMinHeight);
    m_file->setUrls({url});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_file);

    files->fetch(url, this, [this](const OutputFiles::Result& result) {
        if (!result)
            return showError(tr("Cannot load the mesh: %1").arg(result.error().message()));
        if (!canPreview())
            return showError(
                tr("No OpenGL 3.3 here for a preview: open the mesh in the 3D "
                   "viewer or save it."));
        // Parsing a large mesh takes a while: off the UI thread, back here by a queued call.
        QPointer<GlbOutput> self(this);
        const QByteArray bytes = result->bytes;
        QThreadPool::globalInstance()->start([self, bytes] {
            viewers::GltfLoadOptions options;
            options.allowExternalFiles = false;  // a GLB from a server reads nothing else
            auto loaded = std::make_shared<viewers::GltfLoadResult>(
                viewers::loadGltfBytes(bytes, QString(), options));
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, loaded] {
                    if (!self)
                        return;
                    if (!loaded->ok())
                        return self->showError(
                            tr("The mesh does not load: %1").arg(loaded->error()));
                    self->m_view = new viewers::GltfView(self->m_stack);
                    self->m_view->setObjectName(QStringLiteral("glbPreview"));
                    self->m_view->setToolTip(
                        tr("Drag to orbit, right-drag to pan, wheel to zoom, double-click to "
                           "reset"));
                    connect(self->m_view, &viewers::GltfView::renderFailed, self,
                            [self](const QString& message) {
                                self->showError(tr("The preview cannot draw: %1").arg(message));
                            });
                    self->m_view->setScene(loaded->scene());
                    self->m_stack->addWidget(self->m_view);
                    self->m_stack->setCurrentWidget(self->m_view);
                    self->m_loaded = true;
                    emit self->loaded();
                },
                Qt::QueuedConnection);
        });
    });
}

void GlbOutput::showError(const QString& message) {
    m_error = true;
    m_loaded = false;
    m_message->setStyleSheet(errorStyleSheet(palette()));
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
}

QString GlbOutput::errorText() const {
    return m_error ? m_message->text() : QString();
}

}  // namespace replicant::ui
