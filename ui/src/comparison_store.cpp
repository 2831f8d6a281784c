#include "replicant/ui/comparison_store.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace replicant::ui {

namespace {
constexpr int kFormat = 1;
}

QJsonObject Comparison::toJson() const {
    QJsonArray cols;
    for (const Column& c : columns) {
        cols.append(QJsonObject{{QStringLiteral("model"), c.model},
                                {QStringLiteral("version"), c.version},
                                {QStringLiteral("input"), c.input},
                                {QStringLiteral("prediction"), c.prediction}});
    }
    return {
        {QStringLiteral("format"), kFormat},
        {QStringLiteral("name"), name},
        {QStringLiteral("saved_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("shared_input"), sharedInput},
        {QStringLiteral("columns"), cols}};
}

std::optional<Comparison> Comparison::fromJson(const QJsonObject& json, QString* error) {
    const int format = json.value(QLatin1String("format")).toInt(0);
    if (format < 1 || format > kFormat) {
        *error = QObject::tr("not a saved comparison (format %1)")
                     .arg(json.value(QLatin1String("format")).toVariant().toString());
        return std::nullopt;
    }
    Comparison c;
    c.name = json.value(QLatin1String("name")).toString();
    c.sharedInput = json.value(QLatin1String("shared_input")).toObject();
    static const QRegularExpression modelRef(QStringLiteral("^[^/\\s]+/[^/\\s]+$"));
    for (const QJsonValue& value : json.value(QLatin1String("columns")).toArray()) {
        const QJsonObject o = value.toObject();
        Column column{o.value(QLatin1String("model")).toString(),
                      o.value(QLatin1String("version")).toString(),
                      o.value(QLatin1String("input")).toObject(),
                      o.value(QLatin1String("prediction")).toString()};
        if (!modelRef.match(column.model).hasMatch()) {
            *error = QObject::tr("column %1 names no model (owner/name)").arg(c.columns.size() + 1);
            return std::nullopt;
        }
        c.columns.append(column);
    }
    if (c.columns.isEmpty()) {
        *error = QObject::tr("the comparison has no columns");
        return std::nullopt;
    }
    return c;
}

ComparisonStore::ComparisonStore(QString directory) : m_directory(std::move(directory)) {}

QString ComparisonStore::defaultDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/comparisons");
}

bool ComparisonStore::isValidName(const QString& name) {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

QString ComparisonStore::pathOf(const QString& name) const {
    return m_directory + QLatin1Char('/') + name + QStringLiteral(".json");
}

QStringList ComparisonStore::names() const {
    QStringList names;
    const QDir dir(m_directory);
    for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString name = file.chopped(5);
        if (isValidName(name))
            names << name;
    }
    return names;
}

bool ComparisonStore::save(const Comparison& comparison, QString* error) const {
    if (!isValidName(comparison.name)) {
        *error = QObject::tr("Use 1 to 64 letters, digits, spaces, '.', '_' or '-' for the name.");
        return false;
    }
    if (!QDir().mkpath(m_directory)) {
        *error = QObject::tr("Cannot create %1").arg(m_directory);
        return false;
    }
    QSaveFile file(pathOf(comparison.name));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(comparison.toJson()).toJson()) < 0 || !file.commit()) {
        *error = QObject::tr("Cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

std::optional<Comparison> ComparisonStore::load(const QString& name, QString* error) const {
    if (!isValidName(name)) {
        *error = QObject::tr("\"%1\" is not a comparison name").arg(name);
        return std::nullopt;
    }
    QFile file(pathOf(name));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("No saved comparison \"%1\"").arg(name);
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
    if (!document.isObject()) {
        *error = QObject::tr("%1 is not valid JSON: %2").arg(file.fileName(), parse.errorString());
        return std::nullopt;
    }
    auto comparison = Comparison::fromJson(document.object(), error);
    if (comparison)
        comparison->name = name;  // the file's name wins over a stale "name" member
    return comparison;
}

bool ComparisonStore::remove(const QString& name) const {
    return isValidName(name) && QFile::remove(pathOf(name));
}

}  // namespace replicant::ui
