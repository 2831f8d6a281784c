#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>

namespace replicant::viewers {

// Most recently opened files first, kept in the application's QSettings under one key. Paths
// are stored absolute; files that no longer exist are dropped when the list is read.
class RecentFiles {
public:
    static constexpr int kMaxEntries = 10;

    explicit RecentFiles(QString key = QStringLiteral("viewer/recentFiles"));

    QStringList paths() const;
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

private:
    void store(const QStringList& paths);

    QString m_key;
};

}  // namespace replicant::viewers
