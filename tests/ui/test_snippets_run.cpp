// The generated snippets, executed verbatim against a real replicant-server: the Node.js one
// with `node` (the official `replicate` client from tests/conformance/node_modules), the cURL one
// with `bash`, for a text model and an image model; the Python one must compile
// (python3 -m py_compile) and its input must read back, through Python's own parser, as exactly
// the values set. Any error answer of the server fails the test: the Node client throws
// on it, the cURL snippet uses --fail-with-body, and the prediction must have succeeded.
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "replicant/ui/snippets.h"
#include "server_process.h"

using namespace replicant::ui;
using replicant::tests::httpRequest;
using replicant::tests::ServerProcess;

namespace {
const QString kToken = QStringLiteral("r8_SnippetRunToken000000000000000000000");

struct Ran {
    int exitCode = -1;
    QString out;
    QString err;
};
}  // namespace

class TestSnippetsRun : public QObject {
    Q_OBJECT

private:
    ServerProcess m_server;
    QTemporaryDir m_dir;

    // What the app knows when it shows a snippet: the model's latest version and its schema.
    snippets::Request request(const QString& model, const QJsonObject& input) {
        const auto got =
            httpRequest(m_server.baseUrl().resolved(QUrl(QStringLiteral("/v1/models/") + model)),
                        "GET", {{"Authorization", "Bearer " + kToken.toUtf8()}});
        const QJsonObject o = got.json().object();
        const QJsonObject version = o.value(QLatin1String("latest_version")).toObject();
        snippets::Request r;
        r.model = model;
        r.version = version.value(QLatin1String("id")).toString();
        r.official = o.value(QLatin1String("is_official")).toBool();
        r.openapi = version.value(QLatin1String("openapi_schema")).toObject();
        r.input = input;
        r.baseUrl = m_server.baseUrl();
        return r;
    }

    // Writes the snippet to a fresh directory (with node_modules beside it) and runs it.
    Ran run(snippets::Language language, const snippets::Request& r, const QString& tag) {
        const QString dir = m_dir.filePath(tag + QLatin1Char('-') + snippets::languageId(language));
        QDir().mkpath(dir);
        QFile::link(QStringLiteral(REPLICANT_NODE_MODULES), dir + QStringLiteral("/node_modules"));
        const QString name = snippets::fileName(language);
        QFile file(dir + QLatin1Char('/') + name);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(snippets::generate(language, r).toUtf8());
        file.close();

        QProcess process;
        process.setWorkingDirectory(dir);
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("REPLICATE_API_TOKEN"), kToken);
        process.setProcessEnvironment(env);
        if (language == snippets::Language::Node)
            process.start(QStringLiteral("node"), {name});
        else if (language == snippets::Language::Http)
            process.start(QStringLiteral("bash"), {name});
        else
            process.start(QStringLiteral("python3"),
                          {QStringLiteral("-m"), QStringLiteral("py_compile"), name});
        Ran ran;
        if (!process.waitForFinished(90'000)) {
            process.kill();
            process.waitForFinished();
            ran.err = QStringLiteral("timed out");
            return ran;
        }
        ran.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        ran.out = QString::fromUtf8(process.readAllStandardOutput());
        ran.err = QString::fromUtf8(process.readAllStandardError());
        return ran;
    }

    // The `input=` of the Python snippet's client.run() as Python itself reads it (ast, no
    // client needed), as JSON: the escaping must give back exactly the values set.
    QJsonObject pythonInput(const QString& tag) {
        static const QString reader = QStringLiteral(
            "import ast, json, sys\n"
            "tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())\n"
            "for node in ast.walk(tree):\n"
            "    if isinstance(node, ast.Call) and getattr(node.func, 'attr', '') == 'run':\n"
            "        for keyword in node.keywords:\n"
            "            if keyword.arg == 'input':\n"
            "                print(json.dumps(ast.literal_eval(keyword.value)))\n");
        QProcess process;
        process.start(
            QStringLiteral("python3"),
            {QStringLiteral("-c"), reader, m_dir.filePath(tag + QStringLiteral("-python/run.py"))});
        if (!process.waitForFinished(30'000) || process.exitCode() != 0)
            return {{QStringLiteral("error"), QString::fromUtf8(process.readAllStandardError())}};
        return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    }

    static QString why(const Ran& ran) {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(ran.exitCode)
            .arg(ran.out.left(2000), ran.err.left(2000));
    }

    static QString pngDataUri() {
        QImage image(48, 32, QImage::Format_RGB32);
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                image.setPixel(x, y, qRgb(x * 5, y * 7, (x * y) % 255));
        }
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(bytes.toBase64());
    }

private slots:
    void initTestCase() {
        for (const char* tool : {"node", "bash", "curl", "python3"}) {
            if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is not installed").arg(QLatin1String(tool))));
        }
        QVERIFY2(QFile::exists(QStringLiteral(REPLICANT_NODE_MODULES "/replicate/package.json")),
                 "run npm ci in tests/conformance first");
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start({QStringLiteral("--token"), kToken, QStringLiteral("--quiet")}),
                 qPrintable(m_server.lastOutput()));
    }

    void cleanupTestCase() { m_server.stop(); }

    // A text model, with a string that needs every kind of escaping.
    void textModel() {
        const QString text = QStringLiteral(
            "He said \"hi\" \\ \u00fcn\u00efc\u00f6d\u00e9 \U0001F999\nline\ttwo $HOME `date` "
            "'single' \u2028end");
        const snippets::Request r =
            request(QStringLiteral("replicate/hello-world"), {{QStringLiteral("text"), text}});
        QVERIFY2(r.version.size() == 64, "no version");
        const QString expected = QStringLiteral("hello ") + text;

        const Ran node = run(snippets::Language::Node, r, QStringLiteral("text"));
        QVERIFY2(node.exitCode == 0, qPrintable(why(node)));
        QCOMPARE(node.out, expected + QLatin1Char('\n'));

        const Ran curl = run(snippets::Language::Http, r, QStringLiteral("text"));
        QVERIFY2(curl.exitCode == 0, qPrintable(why(curl)));
        const QJsonObject prediction = QJsonDocument::fromJson(curl.out.toUtf8()).object();
        QCOMPARE(prediction.value(QLatin1String("status")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(prediction.value(QLatin1String("output")).toString(), expected);
        QCOMPARE(prediction.value(QLatin1String("version")).toString(), r.version);

        const Ran python = run(snippets::Language::Python, r, QStringLiteral("text"));
        QVERIFY2(python.exitCode == 0, qPrintable(why(python)));
        QCOMPARE(pythonInput(QStringLiteral("text")), r.input);
    }

    // Not pinned: the models endpoint, the model's latest version.
    void textModelByName() {
        snippets::Request r =
            request(QStringLiteral("replicate/hello-world"), {{QStringLiteral("text"), "name"}});
        r.version.clear();
        const Ran curl = run(snippets::Language::Http, r, QStringLiteral("byname"));
        QVERIFY2(curl.exitCode == 0, qPrintable(why(curl)));
        const QJsonObject prediction = QJsonDocument::fromJson(curl.out.toUtf8()).object();
        QCOMPARE(prediction.value(QLatin1String("output")).toString(),
                 QStringLiteral("hello name"));
        const Ran node = run(snippets::Language::Node, r, QStringLiteral("byname"));
        QVERIFY2(node.exitCode == 0, qPrintable(why(node)));
        QCOMPARE(node.out, QStringLiteral("hello name\n"));
    }

    // An image model: a file input as a data URI, the output file saved by the Node snippet.
    void imageModel() {
        const snippets::Request r =
            request(QStringLiteral("replicant/stylize"),
                    {{QStringLiteral("image"), pngDataUri()},
                     {QStringLiteral("style"), QStringLiteral("pencil_sketch")},
                     {QStringLiteral("sigma_s"), 30.5},
                     {QStringLiteral("output_format"), QStringLiteral("png")}});

        const Ran node = run(snippets::Language::Node, r, QStringLiteral("image"));
        QVERIFY2(node.exitCode == 0, qPrintable(why(node)));
        QCOMPARE(node.out, QStringLiteral("Saved output.png\n"));
        QFile saved(m_dir.filePath(QStringLiteral("image-node/output.png")));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QImage image = QImage::fromData(saved.readAll(), "PNG");
        QCOMPARE(image.size(), QSize(48, 32));

        const Ran curl = run(snippets::Language::Http, r, QStringLiteral("image"));
        QVERIFY2(curl.exitCode == 0, qPrintable(why(curl)));
        const QJsonObject prediction = QJsonDocument::fromJson(curl.out.toUtf8()).object();
        QCOMPARE(prediction.value(QLatin1String("status")).toString(), QStringLiteral("succeeded"));
        const QUrl output(prediction.value(QLatin1String("output")).toString());
        QVERIFY2(output.path().endsWith(QLatin1String(".png")), qPrintable(output.toString()));
        const auto file =
            httpRequest(output, "GET", {{"Authorization", "Bearer " + kToken.toUtf8()}});
        QCOMPARE(file.status, 200);
        QCOMPARE(QImage::fromData(file.body, "PNG").size(), QSize(48, 32));

        const Ran python = run(snippets::Language::Python, r, QStringLiteral("image"));
        QVERIFY2(python.exitCode == 0, qPrintable(why(python)));
        QCOMPARE(pythonInput(QStringLiteral("image")), r.input);
    }
};

QTEST_MAIN(TestSnippetsRun)
#include "test_snippets_run.moc"
