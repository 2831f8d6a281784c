#include "file_field.h"

#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

namespace replicant::widgets {

namespace {
constexpr int kPreviewSize = 56;

// The media type and bytes of a data: URI; nullopt when it is not one.
std::optional<std::pair<QString, QByteArray>> decodeDataUri(const QString& uri) {
    if (!uri.startsWith(QLatin1String("data:"), Qt::CaseInsensitive))
        return std::nullopt;
    const qsizetype comma = uri.indexOf(QLatin1Char(','));
    if (comma < 0)
        return std::nullopt;
    QString header = uri.mid(5, comma - 5);
    const bool base64 = header.endsWith(QLatin1String(";base64"), Qt::CaseInsensitive);
    if (base64)
        header.chop(7);
    const QByteArray payload = QByteArray::fromPercentEncoding(uri.mid(comma + 1).toLatin1());
    return std::make_pair(header.section(QLatin1Char(';'), 0, 0),
                          base64 ? QByteArray::fromBase64(payload) : payload);
}
}  // namespace

FileField::FileField(const QString& name, const QJsonObject& schema, QWidget* parent)
    : SchemaField(name, schema, parent),
      m_preview(new QLabel(this)),
      m_edit(new QLineEdit(this)),
      m_pick(new QToolButton(this)),
      m_clear(new QToolButton(this)) {
    setAcceptDrops(true);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setFixedSize(kPreviewSize, kPreviewSize);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setWordWrap(true);
    m_preview->hide();
    m_edit->setObjectName(QStringLiteral("editor"));
    m_edit->setPlaceholderText(tr("Drop a file here, choose one, or paste a URL"));
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        m_problem.clear();
        emit changed();
    });
    m_pick->setObjectName(QStringLiteral("pick"));
    m_pick->setText(tr("Choose\u2026"));
    m_pick->setToolTip(tr("Choose a file to send with the prediction"));
    connect(m_pick, &QToolButton::clicked, this, &FileField::pick);
    m_clear->setObjectName(QStringLiteral("clear"));
    m_clear->setText(tr("Clear"));
    m_clear->setEnabled(false);
    connect(m_clear, &QToolButton::clicked, this, &FileField::clear);

    // Preview on the left; the text on top, full width (forms are often narrow), buttons below.
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addStretch(1);
    buttons->addWidget(m_pick);
    buttons->addWidget(m_clear);
    auto* column = new QVBoxLayout;
    column->setSpacing(4);
    column->addWidget(m_edit);
    column->addLayout(buttons);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(8);
    layout->addWidget(m_preview, 0, Qt::AlignTop);
    layout->addLayout(column, 1);
    setFocusProxy(m_edit);
    resetToDefault();
}

QJsonValue FileField::value() const {
    if (!m_dataUri.isEmpty())
        return m_dataUri;
    const QString text = m_edit->text().trimmed();
    return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
}

void FileField::setValue(const QJsonValue& value) {
    clear();
    const QString text = value.toString();
    if (auto data = decodeDataUri(text)) {
        m_dataUri = text;
        showInline(data->second, data->first, tr("inline data"));
        return;
    }
    m_edit->setText(text);
    m_clear->setEnabled(!text.isEmpty());
}

bool FileField::loadFile(const QString& path) {
    QFile file(path);
    const QFileInfo info(path);
    m_problem.clear();
    if (info.size() > kMaxFileBytes) {
        m_problem = tr("%1 is too large: files sent inline may be up to %2")
                        .arg(info.fileName(), QLocale().formattedDataSize(kMaxFileBytes));
        emit changed();
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_problem = tr("Cannot read %1: %2").arg(info.fileName(), file.errorString());
        emit changed();
        return false;
    }
    const QByteArray bytes = file.readAll();
    const QString type = QMimeDatabase().mimeTypeForFileNameAndData(path, bytes).name();
    m_dataUri =
        QStringLiteral("data:%1;base64,%2").arg(type, QString::fromLatin1(bytes.toBase64()));
    showInline(bytes, type, info.fileName());
    emit changed();
    return true;
}

bool FileField::hasPreview() const {
    return m_preview->isVisibleTo(this) && !m_preview->pixmap().isNull();
}

void FileField::showInline(const QByteArray& bytes, const QString& mediaType,
                           const QString& label) {
    m_edit->setText(QStringLiteral("%1 \u00b7 %2 \u00b7 %3")
                        .arg(label, mediaType, QLocale().formattedDataSize(bytes.size())));
    m_edit->setReadOnly(true);
    m_edit->setCursorPosition(0);  // the name first, when it does not all fit
    m_edit->setToolTip(
        m_edit->text() + QLatin1Char('\n') +
        tr("A local file, held as a data: URI; the app may upload it when the form is sent"));
    m_clear->setEnabled(true);
    showPreview(bytes, mediaType);
}

void FileField::showPreview(const QByteArray& bytes, const QString& mediaType) {
    QImage image;
    if (mediaType.startsWith(QLatin1String("image/")))
        image.loadFromData(bytes);
    if (!image.isNull()) {
        const qreal ratio = devicePixelRatioF();
        QPixmap pixmap =
            QPixmap::fromImage(image.scaled(QSize(kPreviewSize, kPreviewSize) * ratio,
                                            Qt::KeepAspectRatio, Qt::SmoothTransformation));
        pixmap.setDevicePixelRatio(ratio);
        m_preview->setPixmap(pixmap);
    } else {
        // Not an image: its kind in small letters stands in for a thumbnail.
        const QString kind = mediaType.section(QLatin1Char('/'), 1).left(8).toUpper();
        m_preview->setPixmap({});
        m_preview->setText(kind.isEmpty() ? tr("FILE") : kind);
    }
    m_preview->show();
}

void FileField::pick() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a file for %1").arg(name()));
    if (!path.isEmpty())
        loadFile(path);
}

void FileField::clear() {
    m_dataUri.clear();
    m_problem.clear();
    m_edit->clear();
    m_edit->setReadOnly(false);
    m_edit->setToolTip({});
    m_preview->clear();
    m_preview->hide();
    m_clear->setEnabled(false);
    emit changed();
}

void FileField::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() || event->mimeData()->hasText()) {
        m_dragOver = true;
        update();
        event->acceptProposedAction();
    }
}

void FileField::dragLeaveEvent(QDragLeaveEvent* event) {
    m_dragOver = false;
    update();
    SchemaField::dragLeaveEvent(event);
}

void FileField::dropEvent(QDropEvent* event) {
    m_dragOver = false;
    update();
    const QMimeData* mime = event->mimeData();
    if (mime->hasUrls() && !mime->urls().isEmpty()) {
        const QUrl url = mime->urls().constFirst();
        if (url.isLocalFile()) {
            loadFile(url.toLocalFile());
        } else {
            clear();
            m_edit->setText(url.toString());
            m_clear->setEnabled(true);
            emit changed();
        }
    } else if (mime->hasText()) {
        clear();
        m_edit->setText(mime->text().trimmed());
        m_clear->setEnabled(true);
        emit changed();
    }
    event->acceptProposedAction();
}

void FileField::paintEvent(QPaintEvent*) {
    // A dashed outline says "you can drop here"; it lights up while something hovers.
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor color = palette().color(m_dragOver ? QPalette::Highlight : QPalette::Mid);
    if (!m_dragOver && palette().color(QPalette::Window).lightness() < 128)
        color = palette().color(QPalette::Light);
    QPen pen(color, m_dragOver ? 2 : 1, Qt::DashLine);
    painter.setPen(pen);
    if (m_dragOver) {
        QColor fill = palette().color(QPalette::Highlight);
        fill.setAlphaF(0.08);
        painter.setBrush(fill);
    }
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
}

}  // namespace replicant::widgets
