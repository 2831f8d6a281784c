#include "replicant/ui/explore_page.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

#include "cover_cache.h"
#include "icons.h"
#include "model_card_delegate.h"
#include "model_list_model.h"
#include "page_header.h"
#include "replicant/ui/client/api_client.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
constexpr int kGridSpacing = 6;

// The filter over the loaded models. It never asks the source for more by itself: the page
// decides when to load (QListView's own guess fires before the grid is laid out).
class ModelFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    bool canFetchMore(const QModelIndex&) const override { return false; }
};
}  // namespace

ExplorePage::ExplorePage(ApiClient* client, QWidget* parent)
    : Page(parent),
      m_client(client),
      m_models(new ModelListModel(client, this)),
      m_filtered(new ModelFilter(this)),
      m_covers(new CoverCache(client, this)),
      m_header(new PageHeader(tr("Explore"), QString(), this)),
      m_filter(new QLineEdit(this)),
      m_refresh(new QPushButton(tr("Refresh"), this)),
      m_view(new QListView(this)),
      m_status(new QLabel(this)) {
    setObjectName(QStringLiteral("explorePage"));
    auto* header = m_header;
    m_filter->setObjectName(QStringLiteral("exploreFilter"));
    m_filter->setPlaceholderText(tr("Filter models"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(240);
    m_refresh->setObjectName(QStringLiteral("exploreRefresh"));
    m_refresh->setIcon(
        tintedIcon(QStringLiteral("refresh"), palette().color(QPalette::ButtonText)));
    connect(m_refresh, &QPushButton::clicked, this, &ExplorePage::refresh);
    header->addAction(m_filter);
    header->addAction(m_refresh);

    m_filtered->setSourceModel(m_models);
    m_filtered->setFilterRole(ModelListModel::SearchTextRole);
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filtered->setFilterFixedString(text.trimmed());
        updateState();
        maybeFetchMore();
    });

    m_view->setObjectName(QStringLiteral("modelGrid"));
    m_view->setViewMode(QListView::IconMode);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setUniformItemSizes(true);
    m_view->setSpacing(kGridSpacing);
    m_view->setWrapping(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMouseTracking(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->verticalScrollBar()->setSingleStep(24);
    m_view->viewport()->setAutoFillBackground(false);
    m_view->setItemDelegate(new ModelCardDelegate(m_covers, m_view));
    m_view->setModel(m_filtered);
    m_view->setAccessibleName(tr("Models"));
    connect(m_view, &QListView::activated, this, [this](const QModelIndex& index) {
        emit openModel(index.data(ModelListModel::FullNameRole).toString());
    });
    connect(m_view, &QListView::clicked, this, [this](const QModelIndex& index) {
        // Single click opens, as on a web catalogue (activated needs a double click on some
        // platforms).
        if (!style()->styleHint(QStyle::SH_ItemView_ActivateItemOnSingleClick, nullptr, m_view))
            emit openModel(index.data(ModelListModel::FullNameRole).toString());
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &ExplorePage::maybeFetchMore);
    connect(m_covers, &CoverCache::coverLoaded, m_view->viewport(), qOverload<>(&QWidget::update));

    m_status->setObjectName(QStringLiteral("exploreStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    connect(m_models, &ModelListModel::loadingChanged, this, &ExplorePage::updateState);
    connect(m_models, &ModelListModel::pageLoaded, this, [this] {
        updateState();
        setReady();
        maybeFetchMore();
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 28, 26, 0);
    layout->setSpacing(16);
    layout->addWidget(header);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
}

void ExplorePage::showEvent(QShowEvent* event) {
    Page::showEvent(event);
    if (!m_started) {
        m_started = true;
        refresh();
    }
}

void ExplorePage::refresh() {
    m_header->setSubtitle(tr("Models on %1. Choose one to run it.")
                              .arg(m_client->baseUrl().toString(QUrl::StripTrailingSlash)));
    m_started = true;
    setLoading();
    m_models->reload();
    updateState();
}

int ExplorePage::loadedCount() const {
    return m_models->rowCount();
}

int ExplorePage::visibleCount() const {
    return m_filtered->rowCount();
}

QString ExplorePage::errorText() const {
    return m_models->hasError() ? m_models->error().message() : QString();
}

// Loads the next page while the cards shown do not fill the view (a filter can leave few), or
// when the user scrolled near the end.
void ExplorePage::maybeFetchMore() {
    if (!m_models->canFetchMore({}))
        return;
    const QWidget* viewport = m_view->viewport();
    const int cellWidth = ModelCardDelegate::kCardWidth + 2 * kGridSpacing;
    const int cellHeight = ModelCardDelegate::kCardHeight + 2 * kGridSpacing;
    const int columns = std::max(1, viewport->width() / cellWidth);
    const int rows = (m_filtered->rowCount() + columns - 1) / columns;
    // From the grid's arithmetic rather than the scroll bar, whose range lags behind new rows.
    const int content = rows * cellHeight;
    const bool filled = content > viewport->height() + cellHeight / 2;
    const int bottom = m_view->verticalScrollBar()->value() + viewport->height();
    const bool nearEnd = bottom >= content - viewport->height() / 2;
    if (!filled || nearEnd)
        m_models->fetchMore({});
}

void ExplorePage::resizeEvent(QResizeEvent* event) {
    Page::resizeEvent(event);
    if (isReady())
        maybeFetchMore();
}

void ExplorePage::updateState() {
    m_refresh->setEnabled(!m_models->isLoading());
    QString text;
    bool error = false;
    if (m_models->hasError()) {
        error = true;
        text = tr("Could not load the models: %1").arg(m_models->error().message());
        if (m_models->error().status == 0)
            text += QLatin1Char('\n') +
                    tr("Check that the server at %1 is running, then Refresh, or choose another "
                       "connection (click it in the footer).")
                        .arg(m_client->baseUrl().toString());
    } else if (m_models->isLoading() && m_models->rowCount() == 0) {
        text = tr("Loading models\u2026");
    } else if (m_models->rowCount() == 0) {
        text = tr("No models on this server yet.");
    } else if (m_filtered->rowCount() == 0) {
        text = m_models->hasMore()
                   ? tr("No model matches \u201c%1\u201d yet; loading more\u2026")
                         .arg(m_filter->text().trimmed())
                   : tr("No model matches \u201c%1\u201d.").arg(m_filter->text().trimmed());
    }
    m_status->setStyleSheet(error ? errorStyleSheet(palette()) : QString());
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

}  // namespace replicant::ui
