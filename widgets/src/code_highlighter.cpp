#include "replicant/widgets/code_highlighter.h"

#include <QRegularExpression>

namespace replicant::widgets {

namespace {
QRegularExpression re(const QString& pattern) {
    return QRegularExpression(pattern, QRegularExpression::UseUnicodePropertiesOption);
}

QString words(const QStringList& list) {
    return QStringLiteral("\\b(?:") + list.join(QLatin1Char('|')) + QStringLiteral(")\\b");
}

// Unrolled loops ("normal* (special normal*)*"): no backtracking per character, so a megabyte
// data: URI matches at once instead of exhausting the matcher's stack.
const QString kDoubleQuoted = QStringLiteral(R"("[^"\\]*+(?:\\.[^"\\]*+)*+"?)");
const QString kSingleQuoted = QStringLiteral(R"('[^'\\]*+(?:\\.[^'\\]*+)*+'?)");
const QString kNumber = QStringLiteral(R"(\b-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)");
}  // namespace

CodeHighlighter::CodeHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

void CodeHighlighter::setSyntax(const QString& syntax) {
    if (syntax == m_syntax)
        return;
    m_syntax = syntax;
    m_rules = rulesFor(syntax);
    rehighlight();
}

void CodeHighlighter::setDark(bool dark) {
    if (dark == m_dark)
        return;
    m_dark = dark;
    rehighlight();
}

QColor CodeHighlighter::color(Token token) const {
    // GitHub's light and dark code colours: readable on the theme's Base in both.
    switch (token) {
        case Token::Comment:
            return m_dark ? QColor(0x8b949e) : QColor(0x6e7781);
        case Token::String:
            return m_dark ? QColor(0xa5d6ff) : QColor(0x0a3069);
        case Token::Number:
            return m_dark ? QColor(0x79c0ff) : QColor(0x0550ae);
        case Token::Keyword:
            return m_dark ? QColor(0xff7b72) : QColor(0xcf222e);
        case Token::Function:
            return m_dark ? QColor(0xd2a8ff) : QColor(0x8250df);
        case Token::Property:
            return m_dark ? QColor(0xffa657) : QColor(0x953800);
        case Token::Variable:
            return m_dark ? QColor(0x7ee787) : QColor(0x116329);
    }
    return {};
}

QTextCharFormat CodeHighlighter::format(Token token) const {
    QTextCharFormat f;
    f.setForeground(color(token));
    if (token == Token::Comment)
        f.setFontItalic(true);
    return f;
}

QVector<CodeHighlighter::Rule> CodeHighlighter::rulesFor(const QString& syntax) {
    QVector<Rule> rules;
    if (syntax == QLatin1String("javascript")) {
        rules << Rule{re(QStringLiteral("//.*")), Token::Comment}
              << Rule{re(kDoubleQuoted), Token::String} << Rule{re(kSingleQuoted), Token::String}
              << Rule{re(QStringLiteral(R"(`[^`\\]*+(?:\\.[^`\\]*+)*+`?)")), Token::String}
              << Rule{re(words({"import",   "from",   "const", "let",   "var",  "await",    "async",
                                "function", "for",    "of",    "if",    "else", "return",   "new",
                                "throw",    "typeof", "true",  "false", "null", "undefined"})),
                      Token::Keyword}
              << Rule{re(QStringLiteral(R"(\b([A-Za-z_$][\w$]*)\s*(?=\())")), Token::Function, 1}
              << Rule{re(QStringLiteral(R"(\b([A-Za-z_$][\w$]*)(?=:\s))")), Token::Property, 1};
    } else if (syntax == QLatin1String("python")) {
        rules << Rule{re(QStringLiteral("#.*")), Token::Comment}
              << Rule{re(QStringLiteral(R"("""(?:[^"\\]|\\.|"(?!""))*(?:""")?)")), Token::String}
              << Rule{re(QStringLiteral("f?") + kDoubleQuoted), Token::String}
              << Rule{re(QStringLiteral("f?") + kSingleQuoted), Token::String}
              << Rule{re(words({"import", "from", "def", "return", "for", "in", "if", "else",
                                "elif", "with", "as", "not", "and", "or", "is", "True", "False",
                                "None"})),
                      Token::Keyword}
              << Rule{re(QStringLiteral(R"(\b([A-Za-z_]\w*)\s*(?=\())")), Token::Function, 1}
              << Rule{re(QStringLiteral(R"(\b([A-Za-z_]\w*)(?==[^=]))")), Token::Property, 1};
    } else if (syntax == QLatin1String("bash")) {
        rules << Rule{re(QStringLiteral(R"((?<![^\s])#.*)")), Token::Comment}
              << Rule{re(kDoubleQuoted), Token::String} << Rule{re(kSingleQuoted), Token::String}
              << Rule{re(QStringLiteral(R"(\$\{?[A-Za-z_]\w*\}?)")), Token::Variable}
              << Rule{re(words({"curl", "export", "bash"})), Token::Keyword}
              << Rule{re(QStringLiteral(R"((?<![^\s])--?[A-Za-z][\w-]*)")), Token::Property}
              << Rule{re(QStringLiteral("<<'?[A-Z]+'?|^[A-Z]+$")), Token::Keyword};
    } else if (syntax == QLatin1String("json")) {
        rules << Rule{re(kDoubleQuoted + QStringLiteral(R"((?=\s*:))")), Token::Property}
              << Rule{re(kDoubleQuoted), Token::String}
              << Rule{re(words({"true", "false", "null"})), Token::Keyword};
    } else {
        return rules;
    }
    rules << Rule{re(kNumber), Token::Number};
    return rules;
}

void CodeHighlighter::highlightBlock(const QString& text) {
    if (m_rules.isEmpty())
        return;
    // Each rule's next match from `pos`, searched again only once `pos` has passed it: a line
    // holding a megabyte data: URI is scanned a few times, not once per token.
    struct Next {
        qsizetype start = -1;          // of the whole match; -1: none left
        qsizetype from = -1, to = -1;  // the part to colour
    };
    QVector<Next> next(m_rules.size());
    QVector<bool> stale(m_rules.size(), true);
    qsizetype pos = 0;
    while (pos < text.size()) {
        int best = -1;
        for (int i = 0; i < m_rules.size(); ++i) {
            if (stale[i] || (next[i].start >= 0 && next[i].start < pos)) {
                const QRegularExpressionMatch m = m_rules[i].pattern.match(text, pos);
                next[i] = {};
                if (m.hasMatch() && m.capturedLength(0) > 0)
                    next[i] = {m.capturedStart(0), m.capturedStart(m_rules[i].group),
                               m.capturedEnd(m_rules[i].group)};
                stale[i] = false;
            }
            // The earliest match wins; ties go to the rule listed first.
            if (next[i].start >= 0 && (best < 0 || next[i].start < next[best].start))
                best = i;
        }
        if (best < 0)
            break;
        setFormat(int(next[best].from), int(next[best].to - next[best].from),
                  format(m_rules[best].token));
        pos = std::max(next[best].to, next[best].start + 1);
    }
}

}  // namespace replicant::widgets
