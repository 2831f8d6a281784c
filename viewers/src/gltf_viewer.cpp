#include "replicant/viewers/gltf_viewer.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMutex>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>

#include "gltf_info_panel.h"
#include "replicant/viewers/gltf_loader.h"
#include "replicant/viewers/gltf_view.h"

namespace replicant::viewers {

namespace detail {
// Shared by the UI and the loading thread; outlives either.
struct LoadJob {
    std::atomic<bool> cancel{false};
    std::atomic<int> percent{0};
    QMutex mutex;
    QString stage;

    GltfLoadOptions options(const std::shared_ptr<LoadJob>& self) {
        GltfLoadOptions o;
        o.cancel = &cancel;
        // Holds the job, not the viewer: the viewer may be gone when the thread reports.
        o.progress = [self](int p, const QString& s) {
            self->percent = p;
            QMutexLocker lock(&self->mutex);
            self->stage = s;
        };
        return o;
    }
};
}  // namespace detail

namespace {
enum Page { kPlaceholderPage, kLoadingPage, kErrorPage, kViewPage };
constexpr int kProgressIntervalMs = 50;
using Watcher = QFutureWatcher<GltfLoadResult>;

// Slider positions are milliseconds; durations come from files, so keep them in int's range.
int toMilliseconds(float seconds) {
    return int(std::clamp(double(seconds) * 1000.0, 0.0, 2.0e9));
}
}  // namespace

GltfViewer::GltfViewer(QWidget* parent) : QWidget(parent) {
    m_view = new GltfView;
    m_info = new detail::GltfInfoPanel;
    m_info->setObjectName(QStringLiteral("gltfInfoPanel"));

    auto* placeholder =
        new QLabel(tr("Open a .glb or .gltf file (File ▸ Open), or drop one here."));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    m_stack = new QStackedWidget;
    m_stack->insertWidget(kPlaceholderPage, placeholder);
    m_stack->insertWidget(kLoadingPage, buildLoadingPage());
    m_stack->insertWidget(kErrorPage, buildErrorPage());
    m_stack->insertWidget(kViewPage, m_view);

    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("gltfWarningBanner"));
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(10, 6, 10, 6);
    m_banner->setAutoFillBackground(true);
    m_banner->hide();

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_stack);
    splitter->addWidget(m_info);
    splitter->setStretchFactor(0, 1);
    splitter->setCollapsible(0, false);
    splitter->setSizes({700, 260});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(buildToolBar());
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    layout->addWidget(buildAnimationBar());

    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &GltfViewer::updateProgress);
    connect(m_view, &GltfView::renderFailed, this, [this](const QString& message) {
        m_banner->setText(message);
        m_banner->show();
    });
    setAcceptDrops(false);  // the window decides what a drop means
    // Single-key shortcuts act only while the focus is inside the viewer: embedded next to a
    // text field, typing "w" must not turn the wireframe on.
    addActions(m_viewActions);
    addAction(m_playAction);
    updateAnimationBar();
}

GltfViewer::~GltfViewer() {
    if (m_job)
        m_job->cancel = true;
    // The loading thread must not outlive what it reports to.
    for (auto* watcher : findChildren<Watcher*>())
        watcher->waitForFinished();
}

QToolBar* GltfViewer::buildToolBar() {
    auto* bar = new QToolBar;
    bar->setObjectName(QStringLiteral("gltfToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto toggle = [&](const QString& text, const QString& key, bool on, auto setter,
                      auto signalCheck) {
        auto* action = new QAction(text, this);
        action->setCheckable(true);
        action->setChecked(on);
        action->setShortcut(QKeySequence(key));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(text, key));
        connect(action, &QAction::toggled, m_view, setter);
        connect(m_view, &GltfView::overlaysChanged, action,
                [this, action, signalCheck] { action->setChecked((m_view->*signalCheck)()); });
        bar->addAction(action);
        m_viewActions << action;
        return action;
    };
    toggle(tr("Wireframe"), QStringLiteral("W"), m_view->wireframe(), &GltfView::setWireframe,
           &GltfView::wireframe);
    toggle(tr("Normals"), QStringLiteral("N"), m_view->showsNormals(), &GltfView::setShowNormals,
           &GltfView::showsNormals);
    toggle(tr("Bounds"), QStringLiteral("B"), m_view->showsBoundingBox(),
           &GltfView::setShowBoundingBox, &GltfView::showsBoundingBox);
    toggle(tr("Grid"), QStringLiteral("G"), m_view->showsGrid(), &GltfView::setShowGrid,
           &GltfView::showsGrid);

    m_infoAction = new QAction(tr("Info"), this);
    m_infoAction->setCheckable(true);
    m_infoAction->setChecked(true);
    m_infoAction->setShortcut(QKeySequence(QStringLiteral("I")));
    m_infoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_infoAction->setToolTip(tr("Info panel (I)"));
    connect(m_infoAction, &QAction::toggled, m_info, &QWidget::setVisible);
    bar->addAction(m_infoAction);
    m_viewActions << m_infoAction;

    bar->addSeparator();
    auto* reset = new QAction(tr("Reset view"), this);
    reset->setShortcuts({QKeySequence(Qt::Key_Home), QKeySequence(QStringLiteral("R"))});
    reset->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    reset->setToolTip(tr("Reset view (Home, R, or a double click)"));
    connect(reset, &QAction::triggered, m_view, &GltfView::resetView);
    bar->addAction(reset);
    m_viewActions << reset;
    return bar;
}

QWidget* GltfViewer::buildAnimationBar() {
    m_animationBar = new QWidget;
    m_animationBar->setObjectName(QStringLiteral("gltfAnimationBar"));
    auto* row = new QHBoxLayout(m_animationBar);
    row->setContentsMargins(8, 4, 8, 6);
    m_animations = new QComboBox;
    m_animations->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_playAction = new QAction(tr("Play"), this);
    m_playAction->setShortcut(QKeySequence(Qt::Key_Space));
    m_playAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_playAction->setCheckable(true);
    m_playButton = new QToolButton;
    m_playButton->setDefaultAction(m_playAction);
    m_playButton->setMinimumWidth(64);
    m_timeSlider = new QSlider(Qt::Horizontal);
    m_timeSlider->setObjectName(QStringLiteral("gltfTimeSlider"));
    m_timeLabel = new QLabel;
    m_timeLabel->setMinimumWidth(110);
    row->addWidget(m_animations);
    row->addWidget(m_playButton);
    row->addWidget(m_timeSlider, 1);
    row->addWidget(m_timeLabel);

    connect(m_animations, &QComboBox::currentIndexChanged, m_view, &GltfView::setAnimation);
    connect(m_playAction, &QAction::toggled, m_view, &GltfView::setPlaying);
    connect(m_view, &GltfView::playingChanged, this, [this](bool playing) {
        m_playAction->setChecked(playing);
        m_playAction->setText(playing ? tr("Pause") : tr("Play"));
    });
    connect(m_timeSlider, &QSlider::sliderMoved, this,
            [this](int ms) { m_view->setTime(float(ms) / 1000.0f); });
    connect(m_timeSlider, &QSlider::valueChanged, this, [this](int ms) {
        if (!m_view->isPlaying())  // scrubbing; while playing the view drives the slider
            m_view->setTime(float(ms) / 1000.0f);
    });
    connect(m_view, &GltfView::timeChanged, this, &GltfViewer::updateTimeLabel);
    connect(m_view, &GltfView::animationChanged, this, [this](int index) {
        if (index >= 0 && m_animations->currentIndex() != index)
            m_animations->setCurrentIndex(index);
        m_timeSlider->setRange(0, toMilliseconds(m_view->duration()));
        updateTimeLabel();
    });
    return m_animationBar;
}

QWidget* GltfViewer::buildLoadingPage() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addStretch(1);
    m_loadingLabel = new QLabel;
    m_loadingLabel->setAlignment(Qt::AlignCenter);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(360);
    auto* cancel = new QPushButton(tr("Cancel"));
    connect(cancel, &QPushButton::clicked, this, &GltfViewer::cancelLoading);
    layout->addWidget(m_loadingLabel);
    layout->addWidget(m_progress, 0, Qt::AlignHCenter);
    layout->addWidget(cancel, 0, Qt::AlignHCenter);
    layout->addStretch(1);
    return page;
}

QWidget* GltfViewer::buildErrorPage() {
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->addStretch(1);
    m_errorTitle = new QLabel;
    m_errorTitle->setObjectName(QStringLiteral("gltfErrorTitle"));
    QFont font = m_errorTitle->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    m_errorTitle->setFont(font);
    m_errorTitle->setAlignment(Qt::AlignCenter);
    m_errorText = new QLabel;
    m_errorText->setObjectName(QStringLiteral("gltfErrorText"));
    m_errorText->setWordWrap(true);
    m_errorText->setAlignment(Qt::AlignCenter);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_errorTitle);
    layout->addWidget(m_errorText);
    layout->addStretch(1);
    return page;
}

QList<QAction*> GltfViewer::viewActions() const {
    return m_viewActions;
}

void GltfViewer::setInfoPanelVisible(bool visible) {
    m_infoAction->setChecked(visible);
}

std::shared_ptr<const GltfScene> GltfViewer::scene() const {
    return m_view->scene();
}

int GltfViewer::loadProgress() const {
    return m_job ? m_job->percent.load() : (m_state == State::Loaded ? 100 : 0);
}

void GltfViewer::openFile(const QString& path) {
    start(path, [path](const std::shared_ptr<detail::LoadJob>& job) {
        return loadGltfFile(path, job->options(job));
    });
}

void GltfViewer::openData(const QByteArray& bytes, const QString& name) {
    start(name, [bytes](const std::shared_ptr<detail::LoadJob>& job) {
        GltfLoadOptions options = job->options(job);
        options.allowExternalFiles = false;
        return loadGltfBytes(bytes, QString(), options);
    });
}

void GltfViewer::start(
    const QString& name,
    std::function<GltfLoadResult(const std::shared_ptr<detail::LoadJob>&)> load) {
    if (m_job)
        m_job->cancel = true;  // its result will be ignored
    auto job = std::make_shared<detail::LoadJob>();
    m_job = job;
    m_name = name;
    m_error.clear();
    m_loadingLabel->setText(tr("Loading %1…").arg(QFileInfo(name).fileName()));
    m_progress->setValue(0);
    m_stack->setCurrentIndex(kLoadingPage);
    setState(State::Loading);

    auto* watcher = new Watcher(this);
    connect(watcher, &Watcher::finished, this, [this, watcher, job] {
        watcher->deleteLater();
        if (job == m_job)  // a newer load or a cancel makes this one's result stale
            finish(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([load = std::move(load), job] { return load(job); }));
    m_progressTimer.start();
}

void GltfViewer::finish(const GltfLoadResult& result) {
    m_job.reset();
    m_progressTimer.stop();
    if (result.wasCancelled()) {
        clear();
        return;
    }
    if (!result.ok()) {
        m_error = result.error();
        m_errorTitle->setText(tr("Cannot show %1").arg(QFileInfo(m_name).fileName()));
        m_errorText->setText(m_error);
        m_view->setScene(nullptr);
        m_info->clear();
        m_banner->hide();
        m_stack->setCurrentIndex(kErrorPage);
        updateAnimationBar();
        setState(State::Failed);
        emit loadFailed(m_name, m_error);
        return;
    }
    showScene(result.scene());
    setState(State::Loaded);
    emit loaded(m_name);
}

void GltfViewer::showScene(std::shared_ptr<const GltfScene> scene) {
    m_info->showScene(m_name, *scene);
    const qsizetype warnings = scene->warnings.size();
    if (warnings > 0) {
        m_banner->setText(warnings == 1 ? tr("⚠ %1").arg(scene->warnings.first())
                                        : tr("⚠ %1 warnings: %2 (see the info panel)")
                                              .arg(warnings)
                                              .arg(scene->warnings.first()));
        QPalette p = m_banner->palette();
        p.setColor(QPalette::Window, palette().color(QPalette::AlternateBase));
        m_banner->setPalette(p);
    }
    m_banner->setVisible(warnings > 0);
    m_view->setScene(std::move(scene));
    m_stack->setCurrentIndex(kViewPage);
    updateAnimationBar();
}

void GltfViewer::cancelLoading() {
    if (!m_job)
        return;
    m_job->cancel = true;
    m_job.reset();
    m_progressTimer.stop();
    clear();
}

void GltfViewer::clear() {
    if (m_job) {
        m_job->cancel = true;
        m_job.reset();
    }
    m_progressTimer.stop();
    m_name.clear();
    m_error.clear();
    m_view->setScene(nullptr);
    m_info->clear();
    m_banner->hide();
    m_stack->setCurrentIndex(kPlaceholderPage);
    updateAnimationBar();
    setState(State::Empty);
}

void GltfViewer::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void GltfViewer::updateProgress() {
    if (!m_job)
        return;
    m_progress->setValue(m_job->percent.load());
    QString stage;
    {
        QMutexLocker lock(&m_job->mutex);
        stage = m_job->stage;
    }
    if (!stage.isEmpty())
        m_loadingLabel->setText(tr("%1 — %2…").arg(QFileInfo(m_name).fileName(), stage));
}

void GltfViewer::updateAnimationBar() {
    const auto scene = m_view->scene();
    const bool animated = scene && !scene->animations.empty();
    m_animationBar->setVisible(animated);
    const QSignalBlocker blocker(m_animations);
    m_animations->clear();
    if (animated) {
        for (const GltfAnimation& animation : scene->animations)
            m_animations->addItem(animation.name);
        m_animations->setCurrentIndex(m_view->animation());
    }
    m_timeSlider->setRange(0, toMilliseconds(m_view->duration()));
    updateTimeLabel();
}

void GltfViewer::updateTimeLabel() {
    const float t = m_view->time();
    {
        const QSignalBlocker blocker(m_timeSlider);
        m_timeSlider->setValue(toMilliseconds(t));
    }
    m_timeLabel->setText(tr("%1 / %2 s").arg(t, 0, 'f', 2).arg(m_view->duration(), 0, 'f', 2));
}

}  // namespace replicant::viewers
