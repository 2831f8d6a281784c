// The code snippets (ui/src/snippets): golden files per case and language, and the rules every
// snippet keeps (secrets, unset inputs, targets). Regenerating the goldens:
// tests/ui/data/snippets/README.md.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include "replicant/ui/snippets.h"

using namespace replicant::ui;

namespace {
const QString kVersionHello =
    QStringLiteral("5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa");
const QString kVersionStylize =
    QStringLiteral("e5e334886e604fb31e967e404d1f47b29b7ff3f430cbe82b89f8cdf87fdfe4ae");
const QString kSecret = QStringLiteral("sk-do-not-leak-4242");

QString dataPath(const QString& name) {
    return QStringLiteral(REPLICANT_TEST_DATA "/snippets/") + name;
}

QJsonObject openapi(const QString& name) {
    QFile file(dataPath(name + QStringLiteral(".openapi.json")));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing %s", qPrintable(file.fileName()));
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString extension(snippets::Language language) {
    return snippets::fileName(language).section(QLatin1Char('.'), -1);
}

struct Case {
    QString name;
    snippets::Request request;
};

QVector<Case> cases() {
    QVector<Case> out;
    snippets::Request hello;
    hello.model = QStringLiteral("replicate/hello-world");
    hello.version = kVersionHello;
    hello.openapi = openapi(QStringLiteral("hello-world"));
    hello.input = {{QStringLiteral("text"),
                    QStringLiteral("He said \"hi\" \\ \u00fcn\u00efc\u00f6d\u00e9 \U0001F999\n"
                                   "line\ttwo $HOME `date` 'single' \u2028end")}};
    hello.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:5000/"));
    out.append({QStringLiteral("hello-world"), hello});

    snippets::Request stylize;
    stylize.model = QStringLiteral("replicant/stylize");
    stylize.version = kVersionStylize;
    stylize.openapi = openapi(QStringLiteral("stylize"));
    stylize.input = {
        {QStringLiteral("image"),
         QStringLiteral("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAA"
                        "DUlEQVR4nGNgYPj/HwADAgH/p+FUYQAAAABJRU5ErkJggg==")},
        {QStringLiteral("sigma_s"), 30.5},
        {QStringLiteral("output_format"), QStringLiteral("png")}};
    stylize.baseUrl = QUrl(QStringLiteral("http://replicant.local:8080"));
    out.append({QStringLiteral("stylize"), stylize});

    snippets::Request sink;
    sink.model = QStringLiteral("acme/kitchen-sink");
    sink.version = QString(64, QLatin1Char('a'));
    sink.official = true;
    sink.openapi = openapi(QStringLiteral("kitchen-sink"));
    sink.input = {{QStringLiteral("prompt"), QStringLiteral("a \"quoted\" cat")},
                  {QStringLiteral("api_key"), kSecret},
                  {QStringLiteral("num_outputs"), 2},
                  {QStringLiteral("safe"), false},
                  {QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), 1.25, true}},
                  {QStringLiteral("extra"), QJsonObject{{QStringLiteral("k"), QJsonValue()}}},
                  {QStringLiteral("2nd-pass"), true}};
    sink.baseUrl = QUrl(QStringLiteral("https://api.replicate.com"));
    out.append({QStringLiteral("kitchen-sink"), sink});
    return out;
}
}  // namespace

class TestSnippets : public QObject {
    Q_OBJECT

private slots:
    void goldens_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("language");
        const QVector<Case> all = cases();
        for (int i = 0; i < all.size(); ++i) {
            for (const snippets::Language language : snippets::languages())
                QTest::newRow(
                    qPrintable(all[i].name + QLatin1Char('.') + snippets::languageId(language)))
                    << i << int(language);
        }
    }

    void goldens() {
        QFETCH(int, index);
        QFETCH(int, language);
        const Case c = cases().at(index);
        const auto lang = snippets::Language(language);
        const QByteArray actual = snippets::generate(lang, c.request).toUtf8();
        QFile file(dataPath(c.name + QLatin1Char('.') + snippets::languageId(lang) +
                            QLatin1Char('.') + extension(lang)));
        if (qEnvironmentVariableIsSet("REPLICANT_UPDATE_GOLDENS")) {
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(actual);
            QFAIL(qPrintable(QStringLiteral("wrote %1; unset REPLICANT_UPDATE_GOLDENS to compare")
                                 .arg(file.fileName())));
        }
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QByteArray expected = file.readAll();
        if (actual != expected) {
            const QList<QByteArray> a = actual.split('\n');
            const QList<QByteArray> e = expected.split('\n');
            for (qsizetype i = 0; i < std::max(a.size(), e.size()); ++i) {
                const QByteArray x = a.value(i), y = e.value(i);
                if (x != y)
                    QFAIL(
                        qPrintable(QStringLiteral("%1 differs at line %2:\n  got:  %3\n  want: %4")
                                       .arg(file.fileName())
                                       .arg(i + 1)
                                       .arg(QString::fromUtf8(x), QString::fromUtf8(y))));
            }
        }
    }

    // The secret's value never appears; its environment variable does, in every language.
    void secretsStayOut() {
        const Case sink = cases().at(2);
        for (const snippets::Language language : snippets::languages()) {
            const QString text = snippets::generate(language, sink.request);
            QVERIFY2(!text.contains(kSecret), qPrintable(snippets::languageId(language)));
            QVERIFY2(text.contains(QLatin1String("API_KEY")),
                     qPrintable(snippets::languageId(language)));
        }
        // Also when the secret is not set: no default or value of it is shown.
        snippets::Request unset = sink.request;
        unset.input.remove(QStringLiteral("api_key"));
        QVERIFY(!snippets::generate(snippets::Language::Http, unset).contains(kSecret));
    }

    // Every input is listed in x-order, and only the set ones are live code.
    void everyInputListedInOrder() {
        const Case stylize = cases().at(1);
        const QString node = snippets::generate(snippets::Language::Node, stylize.request);
        qsizetype last = -1;
        for (const char* name : {"image", "style", "sigma_s", "sigma_r", "shade_factor",
                                 "output_format", "output_quality"}) {
            const qsizetype at = node.indexOf(QLatin1String(name) + QLatin1String(": "));
            QVERIFY2(at > last, name);
            last = at;
        }
        QVERIFY(node.contains(QLatin1String("\n  sigma_s: 30.5,\n")));
        QVERIFY(node.contains(QLatin1String("\n  // sigma_r: 0.45,\n")));
        QVERIFY(node.contains(QLatin1String("\n  // style: \"stylization\",\n")));
    }

    // A local server gets its base URL; the real API none; pinned models name their version.
    void targets() {
        snippets::Request r = cases().at(0).request;
        QString node = snippets::generate(snippets::Language::Node, r);
        QVERIFY(node.contains(QLatin1String("baseUrl: \"http://127.0.0.1:5000/v1\"")));
        QVERIFY(node.contains(QLatin1String("\"replicate/hello-world:") + kVersionHello));
        r.baseUrl = QUrl(QStringLiteral("https://api.replicate.com/"));
        node = snippets::generate(snippets::Language::Node, r);
        QVERIFY(!node.contains(QLatin1String("baseUrl")));
        const QString python = snippets::generate(snippets::Language::Python, r);
        QVERIFY(!python.contains(QLatin1String("base_url")));
        QVERIFY(snippets::generate(snippets::Language::Http, r)
                    .contains(QLatin1String("\"https://api.replicate.com/v1/predictions\"")));
        r.version.clear();
        QVERIFY(snippets::generate(snippets::Language::Http, r)
                    .contains(QLatin1String("/v1/models/replicate/hello-world/predictions\"")));
        QVERIFY(snippets::generate(snippets::Language::Node, r)
                    .contains(QLatin1String("replicate.run(\"replicate/hello-world\",")));
    }

    // No schema (a version without one): still a runnable snippet, with the values it has.
    void withoutSchema() {
        snippets::Request r;
        r.model = QStringLiteral("o/n");
        r.baseUrl = QUrl(QStringLiteral("http://localhost:1"));
        QString node = snippets::generate(snippets::Language::Node, r);
        QVERIFY(node.contains(QLatin1String("const input = {};")));
        QVERIFY(snippets::generate(snippets::Language::Http, r)
                    .contains(QLatin1String("\"input\": {}")));
        r.input = {{QStringLiteral("seed"), 7}};
        node = snippets::generate(snippets::Language::Node, r);
        QVERIFY2(node.contains(QLatin1String("\n  seed: 7,\n")), qPrintable(node));
    }

    void languageIds() {
        for (const snippets::Language language : snippets::languages())
            QCOMPARE(snippets::languageFromId(snippets::languageId(language)), language);
        QVERIFY(!snippets::languageFromId(u"cobol"));
        QVERIFY(!snippets::languageFromId(u""));
    }
};

QTEST_GUILESS_MAIN(TestSnippets)
#include "test_snippets.moc"
