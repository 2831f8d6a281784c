#pragma once

// Small helpers the widget tests share.
#include <QBuffer>
#include <QColor>
#include <QImage>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QString>
#include <QWidget>

#include "replicant/ui/client/data_uri.h"

namespace test {

// A w×h PNG of one colour, as a data: URI.
inline QString pngUri(int w, int h, QColor color) {
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return replicant::ui::DataUri::encode(bytes, QStringLiteral("image/png"));
}

// Sets the text of a form's text editor, whichever kind it is.
inline void typeInto(QWidget* editor, const QString& text) {
    if (auto* plain = qobject_cast<QPlainTextEdit*>(editor))
        plain->setPlainText(text);
    else if (auto* line = qobject_cast<QLineEdit*>(editor))
        line->setText(text);
    else
        qFatal("not a text editor");
}

}  // namespace test
