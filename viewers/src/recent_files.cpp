#include "replicant/viewers/recent_files.h"

#include <QFileInfo>

namespace replicant::viewers {

RecentFiles::RecentFiles(QString key) : m_key(std::move(key)) {}

QStringList RecentFiles::paths() const {
    QStringList out;
    for (const QString& path : QSettings().value(m_key).toStringList())
        if (QFileInfo(path).isFile() && !out.contains(path))
            out << path;
    return out.mid(0, kMaxEntries);
}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = QSettings().value(m_key).toStringList();
    list.removeAll(absolute);
    list.prepend(absolute);
    store(list.mid(0, kMaxEntries));
}

void RecentFiles::remove(const QString& path) {
    QStringList list = QSettings().value(m_key).toStringList();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    store(list);
}

void RecentFiles::clear() {
    store({});
}

void RecentFiles::store(const QStringList& paths) {
    QSettings settings;
    if (paths.isEmpty())
        settings.remove(m_key);
    else
        settings.setValue(m_key, paths);
}

}  // namespace replicant::viewers
