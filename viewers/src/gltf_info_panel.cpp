#include "gltf_info_panel.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace replicant::viewers::detail {

namespace {
const char* const kFields[] = {"File",   "Size",       "Load time", "Generator", "Nodes",
                               "Meshes", "Primitives", "Vertices",  "Triangles", "Lines",
                               "Points", "Materials",  "Textures",  "Animations"};

QString number(qint64 n) {
    return QLocale().toString(n);
}

QString fileSize(qint64 bytes) {
    const QLocale locale;
    if (bytes < 1024)
        return QObject::tr("%1 bytes").arg(bytes);
    return QObject::tr("%1 (%2 bytes)")
        .arg(locale.formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat),
             locale.toString(bytes));
}
}  // namespace

GltfInfoPanel::GltfInfoPanel(QWidget* parent) : QScrollArea(parent) {
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setMinimumWidth(220);
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(12, 8, 12, 12);
    auto* title = new QLabel(tr("Model"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignLeft);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const char* field : kFields) {
        auto* value = new QLabel(QStringLiteral("–"));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        value->setObjectName(QStringLiteral("info_") + QLatin1String(field));
        m_form->addRow(tr(field), value);
        m_values.append({QLatin1String(field), value});
    }
    layout->addLayout(m_form);
    m_warningsTitle = new QLabel;
    m_warningsTitle->setFont(bold);
    layout->addSpacing(8);
    layout->addWidget(m_warningsTitle);
    m_warnings = new QPlainTextEdit;
    m_warnings->setReadOnly(true);
    m_warnings->setObjectName(QStringLiteral("info_warnings"));
    m_warnings->setMinimumHeight(80);
    layout->addWidget(m_warnings, 1);
    setWidget(content);
    clear();
}

void GltfInfoPanel::set(const QString& field, const QString& text) {
    for (auto& [name, label] : m_values)
        if (name == field)
            label->setText(text);
}

QString GltfInfoPanel::value(const QString& field) const {
    for (const auto& [name, label] : m_values)
        if (name == field)
            return label->text();
    return {};
}

void GltfInfoPanel::clear() {
    for (auto& [name, label] : m_values)
        label->setText(QStringLiteral("–"));
    m_warningLines.clear();
    m_warningsTitle->setText(tr("Validation"));
    m_warnings->setPlainText(QString());
}

void GltfInfoPanel::showScene(const QString& name, const GltfScene& scene) {
    const GltfStats& s = scene.stats;
    set(QStringLiteral("File"),
        QFileInfo(name).fileName().isEmpty() ? name : QFileInfo(name).fileName());
    set(QStringLiteral("Size"), fileSize(s.fileSize));
    set(QStringLiteral("Load time"),
        tr("%1 ms").arg(
            QLocale().toString(s.loadMilliseconds, 'f', s.loadMilliseconds < 10 ? 1 : 0)));
    set(QStringLiteral("Generator"), s.generator.isEmpty()
                                         ? tr("glTF %1").arg(s.version)
                                         : tr("%1 (glTF %2)").arg(s.generator, s.version));
    set(QStringLiteral("Nodes"), number(s.nodes));
    set(QStringLiteral("Meshes"), number(s.meshes));
    set(QStringLiteral("Primitives"), number(s.primitives));
    set(QStringLiteral("Vertices"), number(s.vertices));
    set(QStringLiteral("Triangles"), number(s.triangles));
    set(QStringLiteral("Lines"), number(s.lines));
    set(QStringLiteral("Points"), number(s.points));
    set(QStringLiteral("Materials"), number(s.materials));
    set(QStringLiteral("Textures"), number(s.textures));
    set(QStringLiteral("Animations"), number(s.animations));
    m_warningLines = scene.warnings;
    const qsizetype count = scene.warnings.size();
    m_warningsTitle->setText(count == 0   ? tr("Validation: no warnings")
                             : count == 1 ? tr("Validation: 1 warning")
                                          : tr("Validation: %1 warnings").arg(count));
    m_warnings->setPlainText(scene.warnings.isEmpty()
                                 ? tr("The loader found nothing to report.")
                                 : QStringLiteral("• ") +
                                       scene.warnings.join(QStringLiteral("\n• ")));
}

}  // namespace replicant::viewers::detail
