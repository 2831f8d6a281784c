// The code tabs widget (widgets/code_tabs.h) and its highlighter: switching languages, copying,
// highlighting (strings before comments, light and dark colours), live updates.
#include <QApplication>
#include <QClipboard>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTextBlock>
#include <QTextLayout>
#include <QtTest>

#include "replicant/widgets/code_highlighter.h"
#include "replicant/widgets/code_tabs.h"
#include "replicant/widgets/theme.h"

using replicant::widgets::CodeHighlighter;
using replicant::widgets::CodeTabs;
using Token = CodeHighlighter::Token;

namespace {
const QString kJs = QStringLiteral(
    "// a comment\n"
    "const url = \"http://x//not-a-comment\";\n"
    "await replicate.run(\"o/n\", { input: 42 });\n");
const QString kPython = QStringLiteral("# py\nprint(\"# not a comment\", 3.5, None)\n");

// The colour at `column` of line `line` in the editor (invalid when unformatted).
QColor colorAt(const QPlainTextEdit* editor, int line, int column) {
    const QTextBlock block = editor->document()->findBlockByNumber(line);
    for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
        if (column >= range.start && column < range.start + range.length)
            return range.format.foreground().color();
    }
    return {};
}

void fill(CodeTabs& tabs) {
    tabs.setLanguages(
        {{QStringLiteral("node"), QStringLiteral("Node.js"), QStringLiteral("javascript")},
         {QStringLiteral("python"), QStringLiteral("Python"), QStringLiteral("python")},
         {QStringLiteral("http"), QStringLiteral("HTTP"), QStringLiteral("bash")}});
    tabs.setCode(QStringLiteral("node"), kJs);
    tabs.setCode(QStringLiteral("python"), kPython);
    tabs.setCode(QStringLiteral("http"),
                 QStringLiteral("curl -s \"$BASE/v1#x\" \\\n  -H \"A: $TOKEN\" # done\n"));
}
}  // namespace

class TestCodeTabs : public QObject {
    Q_OBJECT

private slots:
    void languages() {
        CodeTabs tabs;
        fill(tabs);
        QCOMPARE(tabs.tabBar()->count(), 3);
        QCOMPARE(tabs.currentLanguage(), QStringLiteral("node"));
        QCOMPARE(tabs.editor()->toPlainText(), kJs);
        QSignalSpy changed(&tabs, &CodeTabs::languageChanged);
        QVERIFY(tabs.setCurrentLanguage(QStringLiteral("python")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("python"));
        QCOMPARE(tabs.editor()->toPlainText(), kPython);
        QCOMPARE(tabs.highlighter()->syntax(), QStringLiteral("python"));
        QVERIFY(!tabs.setCurrentLanguage(QStringLiteral("cobol")));
        QCOMPARE(tabs.currentLanguage(), QStringLiteral("python"));
        // A click on a tab.
        tabs.resize(600, 400);
        tabs.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tabs));
        QTest::mouseClick(tabs.tabBar(), Qt::LeftButton, {}, tabs.tabBar()->tabRect(2).center());
        QCOMPARE(tabs.currentLanguage(), QStringLiteral("http"));
        QCOMPARE(changed.count(), 2);
        // New languages keep the current one when they still have it.
        fill(tabs);
        QCOMPARE(tabs.currentLanguage(), QStringLiteral("http"));
    }

    void copy() {
        CodeTabs tabs;
        fill(tabs);
        tabs.setCurrentLanguage(QStringLiteral("python"));
        QSignalSpy copied(&tabs, &CodeTabs::copied);
        QApplication::clipboard()->clear();
        QTest::mouseClick(tabs.copyButton(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), kPython);
        QCOMPARE(copied.count(), 1);
        QCOMPARE(tabs.copyButton()->text(), QStringLiteral("Copied"));
        // Nothing to copy: the button is off.
        tabs.setCode(QStringLiteral("python"), QString());
        QVERIFY(!tabs.copyButton()->isEnabled());
    }

    void highlighting() {
        CodeTabs tabs;
        tabs.setPalette(replicant::widgets::Theme::lightPalette());
        fill(tabs);
        const QPlainTextEdit* editor = tabs.editor();
        const CodeHighlighter* h = tabs.highlighter();
        QVERIFY(!h->isDark());
        QCOMPARE(colorAt(editor, 0, 3), h->color(Token::Comment));
        QCOMPARE(colorAt(editor, 1, 0), h->color(Token::Keyword));  // const
        // "//" inside a string stays a string.
        QCOMPARE(colorAt(editor, 1, 22), h->color(Token::String));
        QCOMPARE(colorAt(editor, 2, 16), h->color(Token::Function));  // run(
        QCOMPARE(colorAt(editor, 2, 36), h->color(Token::Number));    // 42
        QCOMPARE(colorAt(editor, 2, 29), h->color(Token::Property));  // input:
        QVERIFY(!colorAt(editor, 2, 28).isValid());                   // the blank before it

        tabs.setCurrentLanguage(QStringLiteral("python"));
        QCOMPARE(colorAt(editor, 0, 0), h->color(Token::Comment));
        QCOMPARE(colorAt(editor, 1, 8), h->color(Token::String));    // "# not a comment"
        QCOMPARE(colorAt(editor, 1, 33), h->color(Token::Keyword));  // None

        tabs.setCurrentLanguage(QStringLiteral("http"));
        QCOMPARE(colorAt(editor, 0, 0), h->color(Token::Keyword));   // curl
        QCOMPARE(colorAt(editor, 0, 5), h->color(Token::Property));  // -s
        QCOMPARE(colorAt(editor, 0, 12), h->color(Token::String));   // "$BASE/v1#x"
        QCOMPARE(colorAt(editor, 1, 21), h->color(Token::Comment));  // # done

        // Dark palette: other colours, still applied.
        const QColor lightString = h->color(Token::String);
        tabs.setPalette(replicant::widgets::Theme::darkPalette());
        QVERIFY(h->isDark());
        QVERIFY(h->color(Token::String) != lightString);
        QCOMPARE(colorAt(editor, 0, 12), h->color(Token::String));
        // Readable: each colour stands off the dark Base.
        const QColor base = tabs.palette().color(QPalette::Base);
        for (const Token t : {Token::Comment, Token::String, Token::Number, Token::Keyword,
                              Token::Function, Token::Property, Token::Variable})
            QVERIFY(qAbs(h->color(t).lightness() - base.lightness()) > 80);
    }

    // New code for the current language keeps the scroll position.
    void liveUpdateKeepsScroll() {
        CodeTabs tabs;
        tabs.resize(400, 200);
        tabs.setLanguages(
            {{QStringLiteral("node"), QStringLiteral("Node.js"), QStringLiteral("javascript")}});
        QString code;
        for (int i = 0; i < 200; ++i)
            code += QStringLiteral("const a%1 = %1;\n").arg(i);
        tabs.setCode(QStringLiteral("node"), code);
        tabs.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tabs));
        tabs.editor()->verticalScrollBar()->setValue(50);
        tabs.setCode(QStringLiteral("node"), code + QStringLiteral("// more\n"));
        QCOMPARE(tabs.editor()->verticalScrollBar()->value(), 50);
        QVERIFY(tabs.editor()->toPlainText().endsWith(QLatin1String("// more\n")));
    }

    // A megabyte on one line (an inline file) highlights without stalling.
    void longLine() {
        CodeTabs tabs;
        tabs.setLanguages(
            {{QStringLiteral("node"), QStringLiteral("Node.js"), QStringLiteral("javascript")}});
        QElapsedTimer timer;
        timer.start();
        tabs.setCode(QStringLiteral("node"), QStringLiteral("  image: \"data:image/png;base64,") +
                                                 QString(1 << 20, QLatin1Char('A')) +
                                                 QStringLiteral("\",\n"));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(colorAt(tabs.editor(), 0, 100), tabs.highlighter()->color(Token::String));
    }
};

QTEST_MAIN(TestCodeTabs)
#include "test_code_tabs.moc"
