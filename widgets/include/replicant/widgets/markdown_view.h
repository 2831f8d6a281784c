#pragma once

#include <QTextBrowser>

namespace replicant::widgets {

// Renders Markdown (CommonMark with GitHub's tables and task lists, through Qt's own reader)
// with readable spacing, and code blocks and inline code on a tinted background in a fixed-pitch
// font. Links open in the system browser. Follows palette changes.
class MarkdownView : public QTextBrowser {
    Q_OBJECT

public:
    explicit MarkdownView(QWidget* parent = nullptr);

    void setMarkdownText(const QString& markdown);
    QString markdownText() const { return m_markdown; }
    // How many code blocks the last text had (styled ones).
    int codeBlockCount() const { return m_codeBlocks; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    QString m_markdown;
    int m_codeBlocks = 0;
};

}  // namespace replicant::widgets
