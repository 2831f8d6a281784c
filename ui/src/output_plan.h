#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace replicant::ui {

// What a file output is, from its URL (extension, or a data: URI's type) or a content type.
enum class MediaKind { Unknown, Image, Audio, Video, Glb, Text, Json, Other };
MediaKind mediaKindOfUrl(const QString& url);
MediaKind mediaKindOfType(const QString& contentType);
// URLs and data: URIs, as opposed to plain text output.
bool isFileReference(const QString& text);
// A file name to save an output as: the URL's last path segment, or "output.<ext>".
QString suggestedFileName(const QString& url, const QString& contentType = {});

// How to show a prediction's output, decided from its value and the version's Output schema.
struct OutputPlan {
    enum class Kind { Empty, Text, Json, Image, ImageList, Audio, Glb, File, FileList, Video };
    Kind kind = Kind::Empty;
    QString text;      // Text: what to show (iterator outputs already joined)
    QStringList urls;  // file kinds: the URLs in output order
};
OutputPlan planOutput(const QJsonValue& output, const QJsonObject& outputSchema);

}  // namespace replicant::ui
