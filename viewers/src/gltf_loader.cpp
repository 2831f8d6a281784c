// Loading: read the bytes, tell GLB from JSON, check the GLB header ourselves (tinygltf's
// messages for a bad header are terse), let tinygltf parse, then build the scene. Images are
// decoded by Qt, not stb_image, and external files are read through our own callbacks, which
// refuse anything but regular files (a FIFO named by a URI would block forever).
#include "replicant/viewers/gltf_loader.h"

#include <tiny_gltf.h>

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QLocale>

#include <cstring>
#include <exception>

#include "gltf_builder.h"

namespace replicant::viewers {

namespace {

constexpr std::uint32_t kGlbMagic = 0x46546C67;   // "glTF"
constexpr std::uint32_t kChunkJson = 0x4E4F534A;  // "JSON"

std::uint32_t readU32(const QByteArray& bytes, qsizetype offset) {
    std::uint32_t value;
    std::memcpy(&value, bytes.constData() + offset, 4);
    return value;  // GLB is little-endian, as is every platform Qt 6 runs on here
}

QString bytesText(qint64 n) {
    return QStringLiteral("%1 byte%2").arg(QLocale::c().toString(n), n == 1 ? "" : "s");
}

// A readable rendering of the first bytes, for "not a glTF file" messages.
QString describeStart(const QByteArray& bytes) {
    QString out;
    for (const char c : bytes.left(4)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 0x20 && u < 0x7f) ? QString(QChar(u))
                                       : QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return out;
}

// Checks what tinygltf would reject with "Invalid glTF binary." and says what is wrong.
QString checkGlbHeader(const QByteArray& bytes) {
    const qint64 size = bytes.size();
    if (size < 20)
        return QStringLiteral("The GLB file is truncated: it has only %1, less than a header.")
            .arg(bytesText(size));
    const std::uint32_t version = readU32(bytes, 4);
    if (version != 2)
        return QStringLiteral("This GLB is version %1; only glTF 2.0 is supported.").arg(version);
    const std::uint32_t length = readU32(bytes, 8);
    if (length > size)
        return QStringLiteral(
                   "The GLB file is truncated: its header says %1 but there are only %2.")
            .arg(bytesText(length), bytesText(size));
    if (length < 20)
        return QStringLiteral("The GLB header gives a length of %1, too small for any content.")
            .arg(bytesText(length));
    const std::uint32_t jsonLength = readU32(bytes, 12);
    if (readU32(bytes, 16) != kChunkJson)
        return QStringLiteral("The GLB's first chunk is not JSON (its type is '%1').")
            .arg(describeStart(bytes.mid(16, 4)));
    if (jsonLength == 0)
        return QStringLiteral("The GLB's JSON chunk is empty.");
    if (std::uint64_t(jsonLength) + 20 > length)
        return QStringLiteral(
                   "The GLB file is truncated: its JSON chunk needs %1 but only %2 follow the "
                   "header.")
            .arg(bytesText(jsonLength), bytesText(length - 20));
    const std::uint64_t binStart = std::uint64_t(jsonLength) + 20;
    if (binStart < length) {
        if (binStart + 8 > length)
            return QStringLiteral("The GLB file is truncated inside its binary chunk's header.");
        const std::uint32_t binLength = readU32(bytes, qsizetype(binStart));
        if (binStart + 8 + binLength > length)
            return QStringLiteral(
                       "The GLB file is truncated: its binary chunk needs %1 but only %2 are "
                       "there.")
                .arg(bytesText(binLength), bytesText(qint64(length - binStart - 8)));
    }
    return {};
}

// JSON parsers and tinygltf's value conversion recurse once per nesting level, so a file of
// nothing but brackets would overflow the stack. Real glTF nests a dozen levels deep.
constexpr int kMaxJsonDepth = 512;

bool nestsTooDeep(const char* json, qsizetype size) {
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < size; ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\')
                ++i;  // skip the escaped character
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

// Where tinygltf sends the encoded bytes of each image; Qt decodes them.
struct ImageContext {
    const tinygltf::Model* model = nullptr;
    detail::DecodedImages* decoded = nullptr;
    qint64 pixelsLeft = 0;  // of GltfLoadOptions::maxImagePixels, for all images together
};

bool decodeImage(tinygltf::Image* image, const int index, std::string*, std::string*, int, int,
                 const unsigned char* bytes, int size, void* user) {
    auto* context = static_cast<ImageContext*>(user);
    // tinygltf counts images as it parses them, so index grows one at a time.
    if (index < 0 || std::size_t(index) > context->model->images.size() + 1)
        return true;
    auto& decoded = *context->decoded;
    if (decoded.images.size() <= std::size_t(index)) {
        decoded.images.resize(std::size_t(index) + 1);
        decoded.problems.resize(std::size_t(index) + 1);
    }
    QString& problem = decoded.problems[std::size_t(index)];
    if (image->bufferView >= 0) {
        // tinygltf hands over buffer view bytes without checking that the view fits its buffer.
        const auto& model = *context->model;
        const std::size_t v = std::size_t(image->bufferView);
        const bool fits = v < model.bufferViews.size() && model.bufferViews[v].buffer >= 0 &&
                          std::size_t(model.bufferViews[v].buffer) < model.buffers.size() &&
                          model.bufferViews[v].byteOffset <=
                              model.buffers[std::size_t(model.bufferViews[v].buffer)].data.size() &&
                          model.bufferViews[v].byteLength <=
                              model.buffers[std::size_t(model.bufferViews[v].buffer)].data.size() -
                                  model.bufferViews[v].byteOffset;
        if (!fits) {
            problem = QStringLiteral("its buffer view lies outside the buffer");
            return true;
        }
    }
    if (bytes == nullptr || size <= 0) {
        problem = QStringLiteral("it has no data");
        return true;
    }
    QByteArray data = QByteArray::fromRawData(reinterpret_cast<const char*>(bytes), size);
    QBuffer buffer(&data);
    QImageReader reader(&buffer);
    const QSize declared = reader.size();
    if (declared.isValid() && qint64(declared.width()) * declared.height() > context->pixelsLeft) {
        problem =
            QStringLiteral("at %1×%2 pixels it goes past what this viewer decodes for one file")
                .arg(declared.width())
                .arg(declared.height());
        return true;
    }
    QImage decodedImage;
    if (!reader.read(&decodedImage)) {
        problem = QStringLiteral("it could not be decoded (%1)").arg(reader.errorString());
        return true;
    }
    context->pixelsLeft -= qint64(decodedImage.width()) * decodedImage.height();
    decoded.images[std::size_t(index)] = decodedImage.convertToFormat(QImage::Format_RGBA8888);
    // tinygltf only wants to know it succeeded; the pixels stay in our QImage.
    image->width = decodedImage.width();
    image->height = decodedImage.height();
    image->component = 4;
    image->bits = 8;
    image->pixel_type = TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE;
    return true;
}

// File access for external buffers and images: regular files only, within the size limit.
bool fileExists(const std::string& path, void*) {
    return QFileInfo(QString::fromStdString(path)).isFile();
}

std::string expandFilePath(const std::string& path, void*) {
    return path;  // tinygltf's default runs wordexp(); a URI is a path, nothing more
}

bool readWholeFile(std::vector<unsigned char>* out, std::string* err, const std::string& path,
                   void*) {
    const QString name = QString::fromStdString(path);
    const QFileInfo info(name);
    QFile file(name);
    if (!info.isFile() || info.size() > kMaxGltfFileSize || !file.open(QIODevice::ReadOnly)) {
        if (err)
            *err += "cannot read " + path + "\n";
        return false;
    }
    out->resize(std::size_t(info.size()));
    const qint64 got =
        out->empty() ? 0 : file.read(reinterpret_cast<char*>(out->data()), info.size());
    if (got != info.size()) {
        if (err)
            *err += "cannot read " + path + "\n";
        return false;
    }
    return true;
}

bool noFileExists(const std::string&, void*) {
    return false;
}

bool refuseRead(std::vector<unsigned char>*, std::string* err, const std::string& path, void*) {
    if (err)
        *err += "external file " + path + " is not read\n";
    return false;
}

bool refuseWrite(std::string*, const std::string&, const std::vector<unsigned char>&, void*) {
    return false;
}

// tinygltf's error text: one line per problem, some with trailing newlines.
QString cleanMessage(const std::string& text) {
    QString message = QString::fromStdString(text).trimmed();
    message.replace(QLatin1Char('\n'), QStringLiteral("; "));
    if (message.size() > 400)
        message = message.left(400) + QStringLiteral("…");
    return message;
}

GltfLoadResult load(QByteArray bytes, const QString& baseDir, const GltfLoadOptions& options,
                    QElapsedTimer timer) {
    auto progress = [&](int percent, const QString& stage) {
        if (options.progress)
            options.progress(percent, stage);
    };
    auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    const qint64 fileSize = bytes.size();
    if (bytes.isEmpty())
        return GltfLoadResult::failure(QStringLiteral("The file is empty."));
    if (fileSize > kMaxGltfFileSize)
        return GltfLoadResult::failure(
            QStringLiteral("The file is larger than 2 GiB, which glTF loaders cannot address."));

    const bool binary = fileSize >= 4 && readU32(bytes, 0) == kGlbMagic;
    if (binary) {
        if (QString error = checkGlbHeader(bytes); !error.isEmpty())
            return GltfLoadResult::failure(error);
    } else {
        const QByteArray start = bytes.left(64).trimmed();
        const bool json = start.startsWith('{') || start.startsWith("\xEF\xBB\xBF{");
        if (!json)
            return GltfLoadResult::failure(
                QStringLiteral(
                    "This is not a glTF file: it starts with '%1', not with 'glTF' (binary) "
                    "or '{' (JSON).")
                    .arg(describeStart(bytes)));
    }

    const qsizetype jsonStart = binary ? 20 : 0;
    const qsizetype jsonSize = binary ? qsizetype(readU32(bytes, 12)) : fileSize;
    if (nestsTooDeep(bytes.constData() + jsonStart, jsonSize))
        return GltfLoadResult::failure(
            QStringLiteral("The glTF JSON nests more than %1 levels deep; no real asset does.")
                .arg(kMaxJsonDepth));

    progress(10, QStringLiteral("Parsing glTF"));
    tinygltf::Model model;
    detail::DecodedImages decoded;
    ImageContext imageContext{&model, &decoded, options.maxImagePixels};
    tinygltf::TinyGLTF parser;
    parser.SetImageLoader(&decodeImage, &imageContext);
    parser.SetFsCallbacks(options.allowExternalFiles
                              ? tinygltf::FsCallbacks{&fileExists, &expandFilePath, &readWholeFile,
                                                      &refuseWrite, nullptr}
                              : tinygltf::FsCallbacks{&noFileExists, &expandFilePath, &refuseRead,
                                                      &refuseWrite, nullptr});
    std::string error;
    std::string warning;
    bool parsed = false;
    try {
        const auto* data = reinterpret_cast<const unsigned char*>(bytes.constData());
        const std::string dir = baseDir.toStdString();
        parsed = binary ? parser.LoadBinaryFromMemory(&model, &error, &warning, data,
                                                      unsigned(fileSize), dir)
                        : parser.LoadASCIIFromString(&model, &error, &warning, bytes.constData(),
                                                     unsigned(fileSize), dir);
    } catch (const std::bad_alloc&) {
        return GltfLoadResult::failure(
            QStringLiteral("The file needs more memory than is available."));
    } catch (const std::exception& e) {
        parsed = false;
        error = e.what();
    }
    bytes = QByteArray();  // tinygltf has copied the buffers; give the file's memory back now
    if (!parsed)
        return GltfLoadResult::failure(
            QStringLiteral("The glTF data is not valid: %1").arg(cleanMessage(error)));
    if (cancelled())
        return GltfLoadResult::cancelled();

    progress(30, QStringLiteral("Building meshes"));
    auto scene = std::make_shared<GltfScene>();
    // tinygltf's own warnings, less the image ones the builder words better.
    for (const QString& line :
         QString::fromStdString(warning).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.contains(QLatin1String("image[")) &&
            !line.startsWith(QLatin1String("File not found")))
            scene->warnings << line.trimmed();
    QString buildError;
    try {
        buildError = detail::buildScene(model, std::move(decoded), options, *scene);
    } catch (const std::bad_alloc&) {
        buildError = QStringLiteral("The model needs more memory than is available.");
    }
    if (cancelled())
        return GltfLoadResult::cancelled();
    if (!buildError.isEmpty())
        return GltfLoadResult::failure(buildError);
    scene->stats.fileSize = fileSize;
    scene->stats.loadMilliseconds = double(timer.nsecsElapsed()) / 1e6;
    progress(100, QStringLiteral("Loaded"));
    return GltfLoadResult::success(std::move(scene));
}

}  // namespace

GltfLoadResult loadGltfFile(const QString& path, const GltfLoadOptions& options) {
    QElapsedTimer timer;
    timer.start();
    const QFileInfo info(path);
    if (!info.exists())
        return GltfLoadResult::failure(QStringLiteral("The file '%1' does not exist.").arg(path));
    if (!info.isFile())
        return GltfLoadResult::failure(QStringLiteral("'%1' is not a regular file.").arg(path));
    if (info.size() > kMaxGltfFileSize)
        return GltfLoadResult::failure(
            QStringLiteral("The file is larger than 2 GiB, which glTF loaders cannot address."));
    if (options.progress)
        options.progress(0, QStringLiteral("Reading file"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return GltfLoadResult::failure(
            QStringLiteral("Cannot open '%1': %2.").arg(path, file.errorString()));
    QByteArray bytes = file.readAll();
    if (bytes.size() != info.size())
        return GltfLoadResult::failure(
            QStringLiteral("Cannot read '%1': %2.").arg(path, file.errorString()));
    file.close();
    return load(std::move(bytes), info.absolutePath(), options, timer);
}

GltfLoadResult loadGltfBytes(const QByteArray& bytes, const QString& baseDir,
                             const GltfLoadOptions& options) {
    QElapsedTimer timer;
    timer.start();
    return load(bytes, baseDir, options, timer);
}

}  // namespace replicant::viewers
