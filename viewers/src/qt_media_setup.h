#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace replicant::viewers {

// Qt Multimedia 6.4 on Linux defaults to GStreamer, whose player crashes in its constructor when
// the GStreamer playback plugins are not installed (Debian's Qt pulls in the libraries, not the
// plugins). The FFmpeg backend decodes everything itself, so it is the one asked for, unless the
// user chose one with QT_MEDIA_BACKEND. Call before the first QMediaPlayer exists.
inline void preferFfmpegMediaBackend() {
    if (!qEnvironmentVariableIsSet("QT_MEDIA_BACKEND"))
        qputenv("QT_MEDIA_BACKEND", QByteArrayLiteral("ffmpeg"));
}

}  // namespace replicant::viewers
