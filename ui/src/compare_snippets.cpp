#include "compare_snippets.h"

#include <QTabWidget>

#include "replicant/ui/compare_column.h"
#include "replicant/ui/snippet_panel.h"
#include "replicant/widgets/code_tabs.h"

namespace replicant::ui {

void addCodeTab(CompareColumn* column, ApiClient* client) {
    auto* panel = new SnippetPanel(client, column);
    panel->setObjectName(QStringLiteral("compareSnippets"));
    column->tabs()->addTab(panel, QObject::tr("Code"));
    const auto update = [column, panel] {
        if (column->modelRef().isEmpty()) {
            panel->clear(QObject::tr("Pick a model to see the code that runs it."));
            return;
        }
        if (!column->version()) {
            panel->clear(column->loadError().isEmpty() ? QObject::tr("Loading\u2026")
                                                       : column->loadError());
            return;
        }
        snippets::Request request;
        request.model = column->modelRef();
        request.version = column->version()->id;  // the cell runs this very version
        request.openapi = column->version()->openapiSchema;
        request.input = column->currentInput();
        panel->setRequest(request);
    };
    QObject::connect(column, &CompareColumn::contextChanged, panel, update);
    QObject::connect(column, &CompareColumn::versionLoaded, panel, update);
    update();
}

}  // namespace replicant::ui
