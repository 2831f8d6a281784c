#include "icons.h"

#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

#include <optional>

namespace replicant::ui {

namespace {
// Rendered at a few sizes (covering 2x screens) so icons stay sharp wherever they are used.
void addPixmaps(QIcon& icon, const QString& name, std::optional<QColor> tint, QIcon::Mode mode) {
    QSvgRenderer renderer(QStringLiteral(":/replicant/icons/%1.svg").arg(name));
    for (const int size : {16, 18, 20, 24, 32, 36, 40, 48, 64, 128}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        if (tint) {
            painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
            painter.fillRect(pixmap.rect(), *tint);
        }
        painter.end();
        icon.addPixmap(pixmap, mode);
    }
}
}  // namespace

QIcon tintedIcon(const QString& name, const QColor& color, const QColor& selected) {
    QIcon icon;
    addPixmaps(icon, name, color, QIcon::Normal);
    if (selected.isValid())
        addPixmaps(icon, name, selected, QIcon::Selected);
    return icon;
}

QIcon appIcon() {
    QIcon icon;
    addPixmaps(icon, QStringLiteral("replicant"), std::nullopt, QIcon::Normal);
    return icon;
}

}  // namespace replicant::ui
