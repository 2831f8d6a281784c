#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;

namespace replicant::widgets {

// A keyboard-first "go anywhere" box drawn over a window (Ctrl+K in the app): type to filter the
// entries by fuzzy match, Up/Down (or Ctrl+N/P) to move, Enter to choose, Escape to close. It
// knows nothing of what the entries are: the owner supplies them (and may add more while it is
// open) and gets the chosen entry's key.
class CommandPalette : public QWidget {
    Q_OBJECT

public:
    struct Entry {
        QString title;     // what is matched and shown
        QString subtitle;  // shown after it, matched too but weighed less
        QString category;  // "Page", "Model", "Prediction"
        QString key;       // handed back when chosen
        int priority = 0;  // among equal matches (and with no query), higher comes first
    };

    static constexpr int kMaxShown = 50;

    // Covers `window` (a top-level widget) while open.
    explicit CommandPalette(QWidget* window);

    void setEntries(const QVector<Entry>& entries);
    // Adds entries, replacing those with the same key.
    void addEntries(const QVector<Entry>& entries);
    // Empties the query, shows and focuses the box.
    void open();
    void close();

    QLineEdit* queryEdit() const { return m_query; }
    // The keys shown, best match first.
    QStringList shownKeys() const;

    // How well `pattern` matches `text` as a subsequence (case-insensitive): higher for
    // consecutive characters, word starts and prefixes, lower for gaps; -1 when it does not.
    static int fuzzyScore(const QString& pattern, const QString& text);

signals:
    void chosen(const QString& key);
    void closed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    void refilter();
    void choose(int row);
    void place();

    QVector<Entry> m_entries;
    QWidget* m_box;
    QLineEdit* m_query;
    QListWidget* m_list;
    QLabel* m_hint;
};

}  // namespace replicant::widgets
