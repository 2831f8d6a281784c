#pragma once

#include <QColor>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <QVector>

namespace replicant::widgets {

// Syntax highlighting for short, generated code: "javascript", "python", "bash" (and "json";
// anything else stays plain). Each line is scanned left to right and the earliest rule that
// matches wins, so a `#` or `//` inside a string is no comment. Colours follow the palette:
// one set for light backgrounds, one for dark, chosen from the document's Base colour.
class CodeHighlighter : public QSyntaxHighlighter {
    Q_OBJECT

public:
    enum class Token { Comment, String, Number, Keyword, Function, Property, Variable };

    explicit CodeHighlighter(QTextDocument* document);

    QString syntax() const { return m_syntax; }
    void setSyntax(const QString& syntax);
    // Picks the light or dark colours; rehighlights when they change.
    void setDark(bool dark);
    bool isDark() const { return m_dark; }
    // The colour used for `token` now (for tests and legends).
    QColor color(Token token) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        Token token;
        int group = 0;  // the captured group to colour (0: the whole match)
    };
    static QVector<Rule> rulesFor(const QString& syntax);
    QTextCharFormat format(Token token) const;

    QString m_syntax;
    QVector<Rule> m_rules;
    bool m_dark = false;
};

}  // namespace replicant::widgets
