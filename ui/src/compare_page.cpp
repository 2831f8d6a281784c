#include "replicant/ui/compare_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include "compare_outputs_dialog.h"
#include "compare_snippets.h"
#include "image_sync.h"
#include "output_renderers.h"
#include "page_header.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/compare_column.h"
#include "replicant/ui/comparison_inputs.h"
#include "replicant/ui/output_view.h"
#include "replicant/ui/run_panel.h"
#include "replicant/viewers/image_view.h"
#include "replicant/widgets/schema_form.h"
#include "status_style.h"

namespace replicant::ui {

ComparePage::ComparePage(ApiClient* client, QWidget* parent)
    : Page(parent),
      m_client(client),
      m_sync(new ImageSync(this)),
      m_shared(new widgets::SchemaForm(this)),
      m_sharedEmpty(new QLabel(this)),
      m_message(new QLabel(this)),
      m_grid(new QHBoxLayout) {
    setObjectName(QStringLiteral("comparePage"));
    m_shared->setObjectName(QStringLiteral("sharedInputs"));
    m_sharedEmpty->setObjectName(QStringLiteral("sharedEmpty"));
    m_sharedEmpty->setWordWrap(true);
    m_sharedEmpty->setForegroundRole(QPalette::PlaceholderText);
    m_message->setObjectName(QStringLiteral("compareMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    connect(m_shared, &widgets::SchemaForm::changed, this, &ComparePage::pushSharedInput);
    connect(m_shared, &widgets::SchemaForm::submitRequested, this, &ComparePage::runAll);

    auto* sharedBox = new QWidget(this);
    auto* sharedLayout = new QVBoxLayout(sharedBox);
    sharedLayout->setContentsMargins(0, 0, 0, 0);
    auto* sharedTitle = new QLabel(tr("Shared inputs"), sharedBox);
    QFont bold = sharedTitle->font();
    bold.setWeight(QFont::DemiBold);
    sharedTitle->setFont(bold);
    auto* sharedScroll = new QScrollArea(sharedBox);
    auto* sharedContent = new QWidget(sharedScroll);
    auto* contentLayout = new QVBoxLayout(sharedContent);
    contentLayout->setContentsMargins(0, 0, 8, 0);
    contentLayout->addWidget(m_sharedEmpty);
    contentLayout->addWidget(m_shared);
    contentLayout->addStretch(1);
    sharedScroll->setWidget(sharedContent);
    sharedScroll->setWidgetResizable(true);
    sharedScroll->setFrameShape(QFrame::NoFrame);
    sharedLayout->addWidget(sharedTitle);
    sharedLayout->addWidget(sharedScroll, 1);

    auto* gridBox = new QWidget(this);
    gridBox->setObjectName(QStringLiteral("compareGrid"));
    gridBox->setLayout(m_grid);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(12);

    // Four columns may not fit a small window: they scroll rather than widen it.
    auto* gridScroll = new QScrollArea(this);
    gridScroll->setWidget(gridBox);
    gridScroll->setWidgetResizable(true);
    gridScroll->setFrameShape(QFrame::NoFrame);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(sharedBox);
    split->addWidget(gridScroll);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    split->setSizes({170, 580});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(buildToolbar());
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    for (int i = 0; i < kMinColumns; ++i)
        addColumn();
    remerge();
    setReady();
}

ComparePage::~ComparePage() = default;

QWidget* ComparePage::buildToolbar() {
    auto* header =
        new PageHeader(tr("Compare"), tr("One input through several models, side by side."), this);
    m_add = new QPushButton(tr("Add model"), header);
    m_add->setObjectName(QStringLiteral("addColumn"));
    connect(m_add, &QPushButton::clicked, this, [this] { addColumn(); });
    m_compareTwo = new QPushButton(tr("Compare two outputs"), header);
    m_compareTwo->setObjectName(QStringLiteral("compareTwo"));
    m_compareTwo->setToolTip(tr("Open two image outputs in the before/after slider"));
    connect(m_compareTwo, &QPushButton::clicked, this, [this] { compareOutputs(); });
    // Save, open and export share one menu, so the header stays short.
    m_open = new QToolButton(header);
    m_open->setObjectName(QStringLiteral("comparisonMenu"));
    m_open->setText(tr("Comparison"));
    m_open->setPopupMode(QToolButton::InstantPopup);
    m_open->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* menu = new QMenu(m_open);
    menu->addAction(tr("Save\u2026"), this, &ComparePage::askSave)
        ->setObjectName(QStringLiteral("saveComparison"));
    m_openMenu = menu->addMenu(tr("Open"));
    m_openMenu->setObjectName(QStringLiteral("openComparison"));
    connect(m_openMenu, &QMenu::aboutToShow, this, &ComparePage::fillOpenMenu);
    menu->addAction(tr("Export PNG\u2026"), this, &ComparePage::askExport)
        ->setObjectName(QStringLiteral("exportComparison"));
    m_open->setMenu(menu);
    m_runAll = new QPushButton(tr("Run all"), header);
    m_runAll->setObjectName(QStringLiteral("runAll"));
    m_runAll->setToolTip(tr("Run every column with the inputs (Ctrl+Enter)"));
    m_runAll->setDefault(true);
    connect(m_runAll, &QPushButton::clicked, this, &ComparePage::runAll);
    for (QWidget* action : {static_cast<QWidget*>(m_add), static_cast<QWidget*>(m_compareTwo),
                            static_cast<QWidget*>(m_open), static_cast<QWidget*>(m_runAll)})
        header->addAction(action);
    return header;
}

void ComparePage::setStoreDirectory(const QString& directory) {
    m_store = ComparisonStore(directory);
}

// The pickers list the catalogue as it is when the page is shown (the connection may have
// changed since the last time).
void ComparePage::showEvent(QShowEvent* event) {
    Page::showEvent(event);
    if (!m_choicesLoading) {
        m_choicesLoading = true;
        m_loadingChoices.clear();
        loadModelChoices(QString());
    }
}

// Every model of the catalogue, page after page, for the pickers.
void ComparePage::loadModelChoices(const QString& pageUrl) {
    m_client->listModels(pageUrl, this, [this](const ApiResult<ListPage<Model>>& r) {
        if (!r) {
            m_choicesLoading = false;
            return;  // the pickers still take typed refs
        }
        for (const Model& m : r->results)
            m_loadingChoices << m.fullName();
        if (!r->next.isEmpty()) {
            loadModelChoices(r->next);
            return;
        }
        m_choicesLoading = false;
        m_modelChoices = m_loadingChoices;
        m_modelChoices.sort();
        for (CompareColumn* column : std::as_const(m_columns))
            column->setModelChoices(m_modelChoices);
    });
}

CompareColumn* ComparePage::addColumn(const QString& ref, const QString& version) {
    if (m_columns.size() >= kMaxColumns)
        return nullptr;
    auto* column = new CompareColumn(m_client, this);
    column->setModelChoices(m_modelChoices);
    m_columns.append(column);
    wireColumn(column);
    addCodeTab(column, m_client);
    relayout();
    if (!ref.isEmpty())
        column->setModel(ref, version);
    else
        remerge();
    return column;
}

void ComparePage::wireColumn(CompareColumn* column) {
    connect(column, &CompareColumn::versionLoaded, this, [this] {
        remerge();
        checkReady();
    });
    connect(column, &CompareColumn::predictionLoaded, this, &ComparePage::checkReady);
    // Ctrl+Enter in any form runs them all (each form has the shortcut; a page-wide one would
    // clash with it).
    connect(column->ownForm(), &widgets::SchemaForm::submitRequested, this, &ComparePage::runAll);
    connect(column, &CompareColumn::openPrediction, this, [this](const QString& id) {
        emit openLocationRequested(QStringLiteral("prediction:") + id);
    });
    connect(column, &CompareColumn::moveLeftRequested, this, [this, column] {
        const int i = int(m_columns.indexOf(column));
        moveColumn(i, i - 1);
    });
    connect(column, &CompareColumn::moveRightRequested, this, [this, column] {
        const int i = int(m_columns.indexOf(column));
        moveColumn(i, i + 1);
    });
    connect(column, &CompareColumn::removeRequested, this,
            [this, column] { removeColumn(int(m_columns.indexOf(column))); });
    connect(column, &CompareColumn::outputChanged, this, [this, column] {
        // The renderer on screen (a replaced one may linger until deleted).
        if (auto* image = qobject_cast<ImageOutput*>(column->runPanel()->outputView()->renderer()))
            m_sync->add(image->view());
        updateButtons();
    });
    connect(column, &CompareColumn::predictionUpdated, this, &ComparePage::updateButtons);
}

void ComparePage::removeColumn(int index) {
    if (index < 0 || index >= m_columns.size() || m_columns.size() <= kMinColumns)
        return;
    CompareColumn* column = m_columns.takeAt(index);
    m_grid->removeWidget(column);
    column->deleteLater();
    relayout();
    remerge();
}

void ComparePage::moveColumn(int from, int to) {
    if (from < 0 || to < 0 || from >= m_columns.size() || to >= m_columns.size() || from == to)
        return;
    m_columns.move(from, to);
    relayout();
    remerge();  // the shared inputs follow the first column's order
}

void ComparePage::relayout() {
    for (CompareColumn* column : std::as_const(m_columns))
        m_grid->removeWidget(column);
    for (int i = 0; i < m_columns.size(); ++i) {
        m_grid->addWidget(m_columns[i], 1);
        m_columns[i]->setMovable(i > 0, i + 1 < m_columns.size());
    }
    updateButtons();
}

// The forms follow the columns' versions: inputs they all share go to the shared form, the rest
// to each column. Values survive, whichever form a field lands in.
void ComparePage::remerge() {
    QVector<QJsonObject> documents;
    QVector<CompareColumn*> loaded;
    for (CompareColumn* column : std::as_const(m_columns)) {
        if (column->version()) {
            documents.append(column->version()->openapiSchema);
            loaded.append(column);
        }
    }
    QJsonObject values = m_shared->values();
    for (CompareColumn* column : std::as_const(loaded)) {
        const QJsonObject own = column->ownInput();
        for (auto it = own.begin(); it != own.end(); ++it) {
            if (!values.contains(it.key()))
                values.insert(it.key(), it.value());
        }
    }
    const ComparisonInputs merged = mergeComparisonInputs(documents);
    const QSignalBlocker blocker(m_shared);
    m_shared->setSchema(loaded.isEmpty() ? QJsonObject() : merged.shared);
    m_shared->setValues(values);
    const bool any = !m_shared->fieldNames().isEmpty();
    m_shared->setVisible(any);
    m_sharedEmpty->setVisible(!any);
    m_sharedEmpty->setText(
        loaded.isEmpty()
            ? tr("Pick the models to compare. The inputs they have in common appear here; the "
                 "others under each column.")
            : tr("These models have no input in common: each column has its own."));
    for (qsizetype i = 0; i < loaded.size(); ++i) {
        loaded[i]->setOwnSchema(merged.columns[i]);
        // A field that was shared and is now this column's own keeps the shared value.
        QJsonObject carried;
        for (const QString& name : loaded[i]->ownForm()->fieldNames()) {
            if (values.contains(name) && !loaded[i]->ownInput().contains(name))
                carried.insert(name, values.value(name));
        }
        loaded[i]->setOwnInput(carried);
    }
    pushSharedInput();
}

void ComparePage::pushSharedInput() {
    const QJsonObject values = m_shared->values();
    for (CompareColumn* column : std::as_const(m_columns))
        column->setSharedInput(values);
}

bool ComparePage::runAll() {
    m_message->hide();
    m_shared->clearErrors();
    bool ok = m_shared->validateAndShow();
    QVector<CompareColumn*> ready;
    for (CompareColumn* column : std::as_const(m_columns)) {
        if (!column->version())
            continue;
        ok = column->validateOwnInput() && ok;
        ready.append(column);
    }
    if (!ok) {
        showMessage(tr("Some inputs need fixing: see the messages beside them."), true);
        return false;
    }
    if (ready.isEmpty()) {
        showMessage(tr("Pick a model in at least one column first."), true);
        return false;
    }
    pushSharedInput();
    // Each create request goes out now; the server runs them side by side.
    for (CompareColumn* column : std::as_const(ready))
        column->run();
    updateButtons();
    return true;
}

QString ComparePage::errorText() const {
    return m_message->isVisibleTo(this) ? m_message->text() : QString();
}

void ComparePage::showMessage(const QString& text, bool error) {
    m_message->setStyleSheet(error ? errorStyleSheet(palette()) : QString());
    m_message->setText(text);
    m_message->show();
}

QDialog* ComparePage::compareOutputs(int a, int b) {
    QVector<CompareColumn*> images;
    for (CompareColumn* column : std::as_const(m_columns)) {
        if (!column->outputImage().isNull())
            images.append(column);
    }
    if (images.size() < 2) {
        showMessage(tr("Two columns need an image output to compare them."), true);
        return nullptr;
    }
    auto* dialog = new CompareOutputsDialog(images, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (a >= 0 && b >= 0 && a < m_columns.size() && b < m_columns.size()) {
        const int left = int(images.indexOf(m_columns[a]));
        const int right = int(images.indexOf(m_columns[b]));
        if (left >= 0 && right >= 0)
            dialog->showPair(left, right);
    }
    dialog->show();
    return dialog;
}

void ComparePage::updateButtons() {
    m_add->setEnabled(m_columns.size() < kMaxColumns);
    int images = 0;
    for (CompareColumn* column : std::as_const(m_columns)) {
        if (column->runPanel()->outputView()->kind() == OutputView::Kind::Image)
            ++images;
    }
    m_compareTwo->setEnabled(images >= 2);
    for (CompareColumn* column : std::as_const(m_columns))
        column->findChild<QToolButton*>(QStringLiteral("removeColumn"))
            ->setEnabled(m_columns.size() > kMinColumns);
}

}  // namespace replicant::ui
