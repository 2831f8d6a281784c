// Fails when a layering rule of DESIGN.md is broken.
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

namespace {
const QString kRoot = QStringLiteral(REPLICANT_SOURCE_DIR);

struct Include {
    QString file;
    int line;
    QString target;
};

QList<Include> includesUnder(const QString& folder) {
    static const QRegularExpression include(
        QStringLiteral("^\\s*#\\s*include\\s*[<\"]([^>\"]+)[>\"]"));
    QList<Include> out;
    QDirIterator it(kRoot + "/" + folder, {"*.h", "*.hpp", "*.cpp", "*.cc"}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        int n = 0;
        while (!f.atEnd()) {
            ++n;
            const auto m = include.match(QString::fromUtf8(f.readLine()));
            if (m.hasMatch())
                out.append({path.mid(kRoot.size() + 1), n, m.captured(1)});
        }
    }
    return out;
}

QString describe(const QList<Include>& bad) {
    QStringList lines;
    for (const auto& i : bad)
        lines << QString("%1:%2 includes %3").arg(i.file).arg(i.line).arg(i.target);
    return lines.join('\n');
}

bool isQtHeader(const QString& h) {
    return h.startsWith("Qt") || (h.size() > 1 && h[0] == 'Q' && h[1].isUpper()) ||
           h.startsWith("qt");
}

QString cmakeText(const QString& folder) {
    QString all;
    QDirIterator it(kRoot + "/" + folder, {"CMakeLists.txt", "*.cmake"}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += QString::fromUtf8(f.readAll());
    }
    return all;
}
}  // namespace

class ArchitectureTest : public QObject {
    Q_OBJECT

private slots:
    void backendIncludesNoQt() {
        QList<Include> bad;
        for (const auto& i : includesUnder("backend"))
            if (isQtHeader(i.target))
                bad << i;
        QVERIFY2(bad.isEmpty(), qPrintable(describe(bad)));
    }

    void backendLinksNoQt() {
        const QString cmake = cmakeText("backend");
        QVERIFY2(!cmake.contains(QRegularExpression("Qt[56]?::|find_package\\(Qt")),
                 "backend/ CMake mentions Qt");
        QProcess ldd;
        ldd.start("ldd", {QStringLiteral(REPLICANT_SERVER_BINARY)});
        QVERIFY(ldd.waitForFinished(10000));
        const QString libs = QString::fromUtf8(ldd.readAllStandardOutput());
        QVERIFY2(libs.contains("libc.so"), qPrintable(libs));
        QVERIFY2(!libs.contains("libQt"), qPrintable(libs));
    }

    void widgetsAndViewersKnowNothingOfThePlatform() {
        for (const QString folder : {"widgets", "viewers"}) {
            QList<Include> bad;
            for (const auto& i : includesUnder(folder))
                if (i.target.contains("backend") || i.target.startsWith("replicant/ui") ||
                    i.target.startsWith("ui/") || i.target.contains("client/"))
                    bad << i;
            QVERIFY2(bad.isEmpty(), qPrintable(describe(bad)));
            const QString cmake = cmakeText(folder);
            QVERIFY2(!cmake.contains("replicant_backend") && !cmake.contains("replicant_ui"),
                     qPrintable(folder + " links a platform target"));
        }
    }

    void uiReachesTheBackendOnlyOverHttp() {
        QList<Include> bad;
        for (const auto& i : includesUnder("ui"))
            if (i.target.contains("replicant/backend"))
                bad << i;
        QVERIFY2(bad.isEmpty(), qPrintable(describe(bad)));
        QVERIFY2(!cmakeText("ui").contains("replicant_backend"), "ui/ links replicant_backend");
    }

    void noGlobalIncludeDirectories() {
        for (const QString folder : {"", "backend", "ui", "widgets", "viewers", "app"}) {
            QFile f(kRoot + "/" + folder + "/CMakeLists.txt");
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QString text = QString::fromUtf8(f.readAll());
            QVERIFY2(
                !text.contains(QRegularExpression(QStringLiteral("^\\s*include_directories\\s*\\("),
                                                  QRegularExpression::MultilineOption)),
                qPrintable(folder + "/CMakeLists.txt uses include_directories()"));
        }
    }
};

QTEST_GUILESS_MAIN(ArchitectureTest)
#include "test_architecture.moc"
