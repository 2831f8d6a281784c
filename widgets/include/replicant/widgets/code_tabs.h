#pragma once

#include <QHash>
#include <QString>
#include <QVector>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabBar;

namespace replicant::widgets {

class CodeHighlighter;

// Code in several languages, one tab each: a monospace, read-only, highlighted view of the
// current language's code and a Copy button that puts it on the clipboard. The owner supplies
// the languages and their code (and may replace the code at any time: the view keeps its scroll
// position). It knows nothing of where the code comes from.
class CodeTabs : public QWidget {
    Q_OBJECT

public:
    struct Language {
        QString id;      // stable, e.g. "python"
        QString title;   // the tab's text, e.g. "Python"
        QString syntax;  // CodeHighlighter's: "javascript", "python", "bash", "json"
    };

    explicit CodeTabs(QWidget* parent = nullptr);

    void setLanguages(const QVector<Language>& languages);
    QVector<Language> languages() const { return m_languages; }

    void setCode(const QString& languageId, const QString& code);
    QString code(const QString& languageId) const { return m_code.value(languageId); }

    QString currentLanguage() const;
    // False (and nothing changes) for an unknown id.
    bool setCurrentLanguage(const QString& languageId);

    // A line under the tabs (e.g. what the code talks to; plain or rich text); hidden when empty.
    void setCaption(const QString& text);
    QString caption() const;

    QTabBar* tabBar() const { return m_tabs; }
    QPlainTextEdit* editor() const { return m_editor; }
    QPushButton* copyButton() const { return m_copy; }
    CodeHighlighter* highlighter() const { return m_highlighter; }

public slots:
    // Puts the current code on the clipboard.
    void copy();

signals:
    // The user (or setCurrentLanguage) picked another language.
    void languageChanged(const QString& languageId);
    void copied(const QString& languageId);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showCurrent();
    void applyPalette();

    QVector<Language> m_languages;
    QHash<QString, QString> m_code;
    QTabBar* m_tabs;
    QPushButton* m_copy;
    QLabel* m_caption;
    QPlainTextEdit* m_editor;
    CodeHighlighter* m_highlighter;
};

}  // namespace replicant::widgets
