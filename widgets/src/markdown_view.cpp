#include "replicant/widgets/markdown_view.h"

#include <QEvent>
#include <QFontDatabase>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace replicant::widgets {

namespace {
bool isDark(const QPalette& p) {
    return p.color(QPalette::Base).lightness() < 128;
}
}  // namespace

MarkdownView::MarkdownView(QWidget* parent) : QTextBrowser(parent) {
    setObjectName(QStringLiteral("markdownView"));
    setOpenExternalLinks(true);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(12);
}

void MarkdownView::setMarkdownText(const QString& markdown) {
    m_markdown = markdown;
    render();
}

void MarkdownView::render() {
    QTextDocument* doc = document();
    doc->setMarkdown(m_markdown, QTextDocument::MarkdownDialectGitHub);
    const QColor codeBackground =
        isDark(palette()) ? QColor(0x26, 0x29, 0x2e) : QColor(0xf0, 0xf2, 0xf5);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_codeBlocks = 0;
    bool previousWasCode = false;
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        QTextBlockFormat format = block.blockFormat();
        const bool code = format.hasProperty(QTextFormat::BlockCodeFence) ||
                          format.property(QTextFormat::BlockCodeLanguage).isValid() ||
                          block.charFormat().fontFixedPitch();
        cursor.setPosition(block.position());
        if (code) {
            if (!previousWasCode)
                ++m_codeBlocks;
            format.setBackground(codeBackground);
            format.setLeftMargin(8);
            format.setRightMargin(8);
            format.setTopMargin(previousWasCode ? 0 : 6);
            format.setBottomMargin(0);
            cursor.setBlockFormat(format);
            cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
            QTextCharFormat chars;
            chars.setFont(fixed);
            cursor.mergeCharFormat(chars);
        } else {
            if (format.headingLevel() == 0) {
                format.setBottomMargin(8);
                format.setLineHeight(125, QTextBlockFormat::ProportionalHeight);
                cursor.setBlockFormat(format);
            }
            // Inline `code` spans: fixed pitch already, give them the tint too.
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                if (!fragment.charFormat().fontFixedPitch())
                    continue;
                QTextCursor span(doc);
                span.setPosition(fragment.position());
                span.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
                QTextCharFormat chars;
                chars.setBackground(codeBackground);
                span.mergeCharFormat(chars);
            }
        }
        previousWasCode = code;
    }
    cursor.endEditBlock();
}

void MarkdownView::changeEvent(QEvent* event) {
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_markdown.isEmpty())
        render();
}

}  // namespace replicant::widgets
