#include "cover_cache.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

#include "replicant/ui/client/api_client.h"

namespace replicant::ui {

namespace {
// Covers are drawn at most this large; bigger downloads are scaled down once.
constexpr int kMaxCoverWidth = 640;
}  // namespace

CoverCache::CoverCache(ApiClient* client, QObject* parent) : QObject(parent), m_client(client) {}

QImage CoverCache::cover(const QString& url) {
    if (url.isEmpty() || m_failed.contains(url))
        return {};
    auto it = m_images.constFind(url);
    if (it != m_images.constEnd())
        return *it;
    if (!m_pending.contains(url)) {
        m_pending.insert(url);
        m_client->download(QUrl(url), this, [this, url](const ApiResult<ApiClient::Download>& r) {
            m_pending.remove(url);
            QImage image;
            if (r)
                image.loadFromData(r->bytes);
            if (image.isNull()) {
                m_failed.insert(url);  // the placeholder stays
            } else {
                if (image.width() > kMaxCoverWidth)
                    image = image.scaledToWidth(kMaxCoverWidth, Qt::SmoothTransformation);
                m_images.insert(url, image);
            }
            emit coverLoaded(url);
        });
    }
    return {};
}

QImage CoverCache::placeholder(const QString& fullName, const QSize& size) {
    const size_t hash = qHash(fullName, 0x5eed);
    const int hue = int(hash % 360);
    const int hue2 = (hue + 40 + int((hash >> 9) % 60)) % 360;
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient gradient(0, 0, size.width(), size.height());
    gradient.setColorAt(0, QColor::fromHsl(hue, 150, 120));
    gradient.setColorAt(1, QColor::fromHsl(hue2, 170, 75));
    painter.fillRect(image.rect(), gradient);
    // A few soft circles give each cover its own texture.
    for (int i = 0; i < 4; ++i) {
        const size_t h = hash >> (i * 7);
        const qreal r = size.height() * (0.25 + (h % 40) / 100.0);
        const QPointF c(size.width() * ((h >> 3) % 100) / 100.0,
                        size.height() * ((h >> 5) % 100) / 100.0);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 18 + int(h % 20)));
        painter.drawEllipse(c, r, r);
    }
    const QString name = fullName.section(QLatin1Char('/'), 1);
    const QString initial = name.isEmpty() ? QStringLiteral("?") : name.left(1).toUpper();
    QFont font;
    font.setPixelSize(size.height() / 2);
    font.setWeight(QFont::Bold);
    painter.setFont(font);
    painter.setPen(QColor(255, 255, 255, 220));
    painter.drawText(image.rect(), Qt::AlignCenter, initial);
    return image;
}

}  // namespace replicant::ui
