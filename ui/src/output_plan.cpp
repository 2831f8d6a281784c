#include "output_plan.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QUrl>

namespace replicant::ui {

namespace {
QString suffixOf(const QString& url) {
    return QFileInfo(QUrl(url).path()).suffix().toLower();
}

QString dataUriType(const QString& uri) {
    return uri.mid(5, uri.indexOf(QLatin1Char(',')) - 5).section(QLatin1Char(';'), 0, 0);
}

QString jsonText(const QJsonValue& v) {
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented));
    const QString text =
        QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}
}  // namespace

bool isFileReference(const QString& text) {
    return text.startsWith(QLatin1String("https://")) ||
           text.startsWith(QLatin1String("http://")) || text.startsWith(QLatin1String("data:")) ||
           text.startsWith(QLatin1String("file:"));
}

MediaKind mediaKindOfType(const QString& contentType) {
    const QString type = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (type.isEmpty() || type == QLatin1String("application/octet-stream"))
        return MediaKind::Unknown;
    if (type.startsWith(QLatin1String("image/")))
        return MediaKind::Image;
    if (type.startsWith(QLatin1String("audio/")))
        return MediaKind::Audio;
    if (type.startsWith(QLatin1String("video/")))
        return MediaKind::Video;
    if (type == QLatin1String("model/gltf-binary") || type == QLatin1String("model/gltf+json"))
        return MediaKind::Glb;
    if (type == QLatin1String("application/json"))
        return MediaKind::Json;
    if (type.startsWith(QLatin1String("text/")))
        return MediaKind::Text;
    return MediaKind::Other;
}

MediaKind mediaKindOfUrl(const QString& url) {
    if (url.startsWith(QLatin1String("data:"), Qt::CaseInsensitive))
        return mediaKindOfType(dataUriType(url));
    const QString suffix = suffixOf(url);
    if (suffix == QLatin1String("glb") || suffix == QLatin1String("gltf"))
        return MediaKind::Glb;
    if (suffix.isEmpty())
        return MediaKind::Unknown;
    const QMimeType mime = QMimeDatabase().mimeTypeForFile(QLatin1String("x.") + suffix,
                                                           QMimeDatabase::MatchExtension);
    if (mime.isDefault())
        return MediaKind::Unknown;
    return mediaKindOfType(mime.name());
}

QString suggestedFileName(const QString& url, const QString& contentType) {
    if (!url.startsWith(QLatin1String("data:"))) {
        const QString name = QFileInfo(QUrl(url).path()).fileName();
        if (!name.isEmpty() && name.contains(QLatin1Char('.')))
            return name;
    }
    const QString type = contentType.isEmpty() && url.startsWith(QLatin1String("data:"))
                             ? dataUriType(url)
                             : contentType;
    const QString suffix = QMimeDatabase().mimeTypeForName(type).preferredSuffix();
    return QStringLiteral("output") + (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix);
}

OutputPlan planOutput(const QJsonValue& output, const QJsonObject& outputSchema) {
    using Kind = OutputPlan::Kind;
    OutputPlan plan;
    if (output.isNull() || output.isUndefined())
        return plan;
    if (output.isString()) {
        const QString text = output.toString();
        if (!isFileReference(text)) {
            plan.kind = Kind::Text;
            plan.text = text;
            return plan;
        }
        plan.urls = {text};
        switch (mediaKindOfUrl(text)) {
            case MediaKind::Image:
                plan.kind = Kind::Image;
                break;
            case MediaKind::Audio:
                plan.kind = Kind::Audio;
                break;
            case MediaKind::Glb:
                plan.kind = Kind::Glb;
                break;
            case MediaKind::Video:
                plan.kind = Kind::Video;
                break;
            default:
                plan.kind = Kind::File;  // the renderer looks closer once it has the bytes
        }
        return plan;
    }
    if (output.isArray()) {
        const QJsonArray items = output.toArray();
        const bool allStrings = std::all_of(items.begin(), items.end(),
                                            [](const QJsonValue& v) { return v.isString(); });
        if (!allStrings || items.isEmpty()) {
            plan.kind = items.isEmpty() ? Kind::Empty : Kind::Json;
            return plan;
        }
        QStringList strings;
        for (const QJsonValue& v : items)
            strings << v.toString();
        const bool allFiles = std::all_of(strings.begin(), strings.end(), isFileReference);
        const bool concatenate =
            outputSchema.value(QLatin1String("x-cog-array-display")).toString() ==
            QLatin1String("concatenate");
        if (!allFiles || concatenate) {
            plan.kind = Kind::Text;
            plan.text = strings.join(concatenate ? QString() : QStringLiteral("\n"));
            return plan;
        }
        plan.urls = strings;
        const bool allImages = std::all_of(strings.begin(), strings.end(), [](const QString& u) {
            return mediaKindOfUrl(u) == MediaKind::Image;
        });
        plan.kind = allImages ? Kind::ImageList : Kind::FileList;
        return plan;
    }
    if (output.isObject()) {
        plan.kind = Kind::Json;
        return plan;
    }
    plan.kind = Kind::Text;  // numbers and booleans
    plan.text = jsonText(output);
    return plan;
}

}  // namespace replicant::ui
