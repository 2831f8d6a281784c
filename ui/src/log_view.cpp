#include "log_view.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace replicant::ui {

namespace {
QPlainTextEdit* logEdit(QWidget* parent) {
    auto* edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setPlaceholderText(QObject::tr("No logs."));
    edit->viewport()->setBackgroundRole(QPalette::AlternateBase);
    return edit;
}
}  // namespace

LogView::LogView(QWidget* parent, bool showHeader)
    : QWidget(parent), m_text(logEdit(this)), m_fullScreen(new QToolButton(this)) {
    setObjectName(QStringLiteral("logView"));
    m_text->setObjectName(QStringLiteral("logText"));
    auto* title = new QLabel(tr("Logs"), this);
    QFont bold = title->font();
    bold.setWeight(QFont::DemiBold);
    title->setFont(bold);
    auto* copy = new QToolButton(this);
    copy->setText(tr("Copy"));
    copy->setAutoRaise(true);
    connect(copy, &QToolButton::clicked, this,
            [this] { QApplication::clipboard()->setText(logs()); });
    m_fullScreen->setObjectName(QStringLiteral("logsFullScreen"));
    m_fullScreen->setText(tr("Full screen"));
    m_fullScreen->setToolTip(tr("Show the logs full screen (Escape closes)"));
    m_fullScreen->setAutoRaise(true);
    connect(m_fullScreen, &QToolButton::clicked, this, &LogView::openFullScreen);

    auto* header = new QHBoxLayout;
    header->setSpacing(4);
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(copy);
    header->addWidget(m_fullScreen);
    title->setVisible(showHeader);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_text, 1);
}

void LogView::update(QPlainTextEdit* edit, const QString& logs) {
    const QString old = edit->toPlainText();
    if (old == logs)
        return;
    QScrollBar* bar = edit->verticalScrollBar();
    const bool following = bar->value() >= bar->maximum() - 2;
    if (!old.isEmpty() && logs.startsWith(old)) {
        QTextCursor cursor(edit->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(logs.mid(old.size()));
    } else {
        edit->setPlainText(logs);
    }
    if (following)
        bar->setValue(bar->maximum());
}

void LogView::setLogs(const QString& logs) {
    update(m_text, logs);
    if (m_dialog)
        update(m_dialogText, logs);
}

QString LogView::logs() const {
    return m_text->toPlainText();
}

void LogView::openFullScreen() {
    if (!m_dialog) {
        m_dialog = new QDialog(window());
        m_dialog->setObjectName(QStringLiteral("logsDialog"));
        m_dialog->setWindowTitle(tr("Logs"));
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialogText = logEdit(m_dialog);
        auto* close = new QToolButton(m_dialog);
        close->setText(tr("Close"));
        connect(close, &QToolButton::clicked, m_dialog, &QDialog::close);
        auto* layout = new QVBoxLayout(m_dialog);
        auto* bar = new QHBoxLayout;
        bar->addStretch(1);
        bar->addWidget(close);
        layout->addLayout(bar);
        layout->addWidget(m_dialogText, 1);
        update(m_dialogText, logs());
    }
    m_dialog->showFullScreen();
    m_dialog->raise();
    m_dialog->activateWindow();
}

}  // namespace replicant::ui
