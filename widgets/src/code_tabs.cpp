#include "replicant/widgets/code_tabs.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabBar>
#include <QTimer>
#include <QVBoxLayout>

#include "replicant/widgets/code_highlighter.h"

namespace replicant::widgets {

namespace {
constexpr int kCopiedFeedbackMs = 1500;

bool isDarkPalette(const QPalette& palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}
}  // namespace

CodeTabs::CodeTabs(QWidget* parent)
    : QWidget(parent),
      m_tabs(new QTabBar(this)),
      m_copy(new QPushButton(tr("Copy"), this)),
      m_caption(new QLabel(this)),
      m_editor(new QPlainTextEdit(this)),
      m_highlighter(new CodeHighlighter(m_editor->document())) {
    setObjectName(QStringLiteral("codeTabs"));
    m_tabs->setObjectName(QStringLiteral("codeLanguages"));
    m_tabs->setDocumentMode(true);
    m_tabs->setExpanding(false);
    m_tabs->setDrawBase(false);
    m_copy->setObjectName(QStringLiteral("copyCode"));
    m_copy->setToolTip(tr("Copy the code to the clipboard"));
    m_caption->setObjectName(QStringLiteral("codeCaption"));
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->hide();
    m_editor->setObjectName(QStringLiteral("codeView"));
    m_editor->setReadOnly(true);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::Monospace);
    m_editor->setFont(mono);
    m_editor->setTabStopDistance(QFontMetricsF(mono).horizontalAdvance(QLatin1Char(' ')) * 4);
    m_editor->setAccessibleName(tr("Code"));

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_tabs, 1, Qt::AlignBottom);
    top->addWidget(m_copy);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addWidget(m_caption);
    layout->addWidget(m_editor, 1);

    connect(m_tabs, &QTabBar::currentChanged, this, [this](int) {
        showCurrent();
        emit languageChanged(currentLanguage());
    });
    connect(m_copy, &QPushButton::clicked, this, &CodeTabs::copy);
    applyPalette();
}

void CodeTabs::setLanguages(const QVector<Language>& languages) {
    const QString current = currentLanguage();
    m_languages = languages;
    {
        const QSignalBlocker blocker(m_tabs);
        while (m_tabs->count() > 0)
            m_tabs->removeTab(0);
        for (const Language& language : languages) {
            const int index = m_tabs->addTab(language.title);
            m_tabs->setTabData(index, language.id);
        }
        int index = 0;
        for (int i = 0; i < languages.size(); ++i) {
            if (languages[i].id == current)
                index = i;
        }
        m_tabs->setCurrentIndex(languages.isEmpty() ? -1 : index);
    }
    showCurrent();
}

void CodeTabs::setCode(const QString& languageId, const QString& code) {
    m_code.insert(languageId, code);
    if (languageId == currentLanguage())
        showCurrent();
}

QString CodeTabs::currentLanguage() const {
    return m_tabs->tabData(m_tabs->currentIndex()).toString();
}

bool CodeTabs::setCurrentLanguage(const QString& languageId) {
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->tabData(i).toString() == languageId) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void CodeTabs::setCaption(const QString& text) {
    m_caption->setText(text);
    m_caption->setVisible(!text.isEmpty());
}

QString CodeTabs::caption() const {
    return m_caption->text();
}

void CodeTabs::copy() {
    const QString id = currentLanguage();
    QApplication::clipboard()->setText(m_code.value(id));
    m_copy->setText(tr("Copied"));
    QTimer::singleShot(kCopiedFeedbackMs, m_copy,
                       [button = m_copy] { button->setText(tr("Copy")); });
    emit copied(id);
}

void CodeTabs::showCurrent() {
    const QString id = currentLanguage();
    QString syntax;
    for (const Language& language : std::as_const(m_languages)) {
        if (language.id == id)
            syntax = language.syntax;
    }
    const QString code = m_code.value(id);
    m_highlighter->setSyntax(syntax);
    m_copy->setEnabled(!code.isEmpty());
    if (m_editor->toPlainText() == code)
        return;
    // Live updates (a form being edited) keep the reader where they were.
    const int vertical = m_editor->verticalScrollBar()->value();
    const int horizontal = m_editor->horizontalScrollBar()->value();
    m_editor->setPlainText(code);
    m_editor->verticalScrollBar()->setValue(vertical);
    m_editor->horizontalScrollBar()->setValue(horizontal);
}

void CodeTabs::applyPalette() {
    m_highlighter->setDark(isDarkPalette(palette()));
}

void CodeTabs::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

}  // namespace replicant::widgets
