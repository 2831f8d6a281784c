#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>

namespace replicant::ui {

class ApiClient;

// Cover images of models, fetched once through the API client and kept decoded. A model without
// a cover (or whose cover fails to load) gets a generated one: a gradient in colours derived
// from its name, with its initial, so every card stays recognisable.
class CoverCache : public QObject {
    Q_OBJECT

public:
    explicit CoverCache(ApiClient* client, QObject* parent = nullptr);

    // The cover at `url` if it has arrived; a null image otherwise (the download starts).
    QImage cover(const QString& url);
    bool isFailed(const QString& url) const { return m_failed.contains(url); }

    // The generated cover of `fullName` ("owner/name").
    static QImage placeholder(const QString& fullName, const QSize& size);

signals:
    void coverLoaded(const QString& url);

private:
    ApiClient* m_client;
    QHash<QString, QImage> m_images;
    QSet<QString> m_pending;
    QSet<QString> m_failed;
};

}  // namespace replicant::ui
