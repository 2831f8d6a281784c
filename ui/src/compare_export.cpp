#include "compare_export.h"

#include <QPainter>

#include "replicant/ui/compare_column.h"
#include "replicant/ui/output_view.h"
#include "replicant/ui/run_panel.h"

namespace replicant::ui {

namespace {
constexpr int kPad = 16;
constexpr int kGap = 12;

QString statusLine(const CompareColumn* column) {
    const Prediction& p = column->prediction();
    QStringList parts;
    parts << (p.status.isEmpty() ? column->runPanel()->statusText() : p.status);
    if (p.predictTime)
        parts << QObject::tr("predict time %1").arg(formatDuration(*p.predictTime));
    if (!column->runPanel()->costText().isEmpty())
        parts << column->runPanel()->costText();
    if (!p.id.isEmpty())
        parts << p.id;
    return parts.join(QStringLiteral(" \u00B7 "));
}
}  // namespace

QImage renderComparison(const QVector<CompareColumn*>& columns) {
    if (columns.isEmpty())
        return {};
    const QPalette palette = columns.constFirst()->palette();
    QFont titleFont = columns.constFirst()->font();
    titleFont.setWeight(QFont::DemiBold);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    const QFont smallFont = columns.constFirst()->font();
    const QFontMetrics titleMetrics(titleFont), smallMetrics(smallFont);
    const int headerHeight = titleMetrics.height() + smallMetrics.height() + 10;

    QVector<QPixmap> bodies;
    int cellWidth = 0, bodyHeight = 0;
    for (const CompareColumn* column : columns) {
        QPixmap body = column->runPanel()->outputView()->grab();
        cellWidth = std::max(cellWidth, int(body.deviceIndependentSize().width()));
        bodyHeight = std::max(bodyHeight, int(body.deviceIndependentSize().height()));
        bodies.append(body);
    }
    cellWidth = std::max(cellWidth, 200);
    const QSize size(kPad * 2 + int(columns.size()) * cellWidth + int(columns.size() - 1) * kGap,
                     kPad * 2 + headerHeight + bodyHeight);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette.color(QPalette::Base));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const int x = kPad + int(i) * (cellWidth + kGap);
        const QRect title(x, kPad, cellWidth, titleMetrics.height());
        p.setFont(titleFont);
        p.setPen(palette.color(QPalette::Text));
        p.drawText(title, Qt::AlignLeft | Qt::AlignVCenter,
                   titleMetrics.elidedText(columns[i]->title(), Qt::ElideMiddle, cellWidth));
        p.setFont(smallFont);
        p.setPen(palette.color(QPalette::PlaceholderText));
        const QRect sub(x, title.bottom() + 4, cellWidth, smallMetrics.height());
        p.drawText(sub, Qt::AlignLeft | Qt::AlignVCenter,
                   smallMetrics.elidedText(statusLine(columns[i]), Qt::ElideRight, cellWidth));
        p.drawPixmap(QPoint(x, kPad + headerHeight), bodies[i]);
    }
    return image;
}

}  // namespace replicant::ui
