#include "output_files.h"

#include <QTimer>

namespace replicant::ui {

OutputFiles::OutputFiles(ApiClient* client, QObject* parent) : QObject(parent), m_client(client) {}

void OutputFiles::fetch(const QString& url, const QObject* context, Callback done) {
    auto found = m_files.constFind(url);
    if (found != m_files.constEnd()) {
        const ApiClient::Download file = *found;
        QTimer::singleShot(0, context, [file, done = std::move(done)] { done(file); });
        return;
    }
    auto& waiting = m_waiting[url];
    waiting.append({QPointer<const QObject>(context), std::move(done)});
    if (waiting.size() > 1)
        return;  // already on its way
    m_client->download(QUrl(url), this, [this, url](const Result& result) {
        if (result)
            m_files.insert(url, result.value());
        const auto callbacks = m_waiting.take(url);
        for (const auto& [waiter, callback] : callbacks) {
            if (waiter)
                callback(result);
        }
    });
}

const ApiClient::Download* OutputFiles::cached(const QString& url) const {
    auto found = m_files.constFind(url);
    return found == m_files.constEnd() ? nullptr : &*found;
}

void OutputFiles::clear() {
    m_files.clear();
}

}  // namespace replicant::ui
