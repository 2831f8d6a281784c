#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace replicant::ui {

// A saved comparison: which model versions stood side by side, what they were given, and the
// predictions they made. As JSON (format 1):
//   {"format": 1, "name": "...", "saved_at": "RFC 3339",
//    "shared_input": {...},
//    "columns": [{"model": "owner/name", "version": "<id>" or "", "input": {...},
//                 "prediction": "<id>" or ""}]}
// `input` holds a column's own inputs (the shared ones are in `shared_input`). Readers ignore
// members they do not know, so later versions may add some.
struct Comparison {
    struct Column {
        QString model;       // "owner/name"
        QString version;     // empty: the model's latest version
        QJsonObject input;   // this column's own inputs
        QString prediction;  // the last prediction's id, empty when it never ran
    };
    QString name;
    QJsonObject sharedInput;
    QVector<Column> columns;

    QJsonObject toJson() const;
    // Null with `error` set when `json` is not a comparison.
    static std::optional<Comparison> fromJson(const QJsonObject& json, QString* error);
};

// Comparisons kept as one JSON file each (NAME.json) in a directory: by default
// "comparisons" in the app's data directory.
class ComparisonStore {
public:
    explicit ComparisonStore(QString directory = defaultDirectory());

    static QString defaultDirectory();
    // Names are 1 to 64 letters, digits, spaces, '.', '_' or '-', starting with a letter or a
    // digit (they are file names and part of the "compare:NAME" location).
    static bool isValidName(const QString& name);

    QString directory() const { return m_directory; }
    // The saved names, sorted.
    QStringList names() const;
    bool save(const Comparison& comparison, QString* error) const;
    std::optional<Comparison> load(const QString& name, QString* error) const;
    bool remove(const QString& name) const;

private:
    QString pathOf(const QString& name) const;
    QString m_directory;
};

}  // namespace replicant::ui
