#include "footer_bar.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolButton>

#include "icons.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/widgets/separator.h"
#include "replicant/widgets/theme_switch.h"

namespace replicant::ui {

namespace {
constexpr int kConfirmationMs = 1500;
}

FooterBar::FooterBar(ApiClient* client, widgets::Theme* theme, QWidget* parent)
    : QWidget(parent),
      m_client(client),
      m_address(new QLabel(this)),
      m_copyToken(new QToolButton(this)),
      m_themeSwitch(new widgets::ThemeSwitch(theme, this)) {
    setObjectName(QStringLiteral("footer"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);

    const QString address = client->baseUrl().toString(QUrl::StripTrailingSlash);
    m_address->setObjectName(QStringLiteral("footerAddress"));
    m_address->setText(tr("Connected to %1").arg(address));
    m_address->setToolTip(tr("The Replicant API this app talks to"));
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_copyToken->setObjectName(QStringLiteral("copyToken"));
    m_copyToken->setText(tr("Copy token"));
    m_copyToken->setToolTip(tr("Copy the API token to the clipboard, for code and curl"));
    m_copyToken->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copyToken->setAutoRaise(true);
    m_copyToken->setEnabled(!client->token().isEmpty());
    connect(m_copyToken, &QToolButton::clicked, this, &FooterBar::copyToken);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 4, 12, 4);
    layout->setSpacing(8);
    layout->addWidget(m_address);
    layout->addStretch(1);
    layout->addWidget(m_copyToken);
    layout->addWidget(new widgets::Separator(Qt::Vertical, this));
    layout->addWidget(m_themeSwitch);
    updateIcons();
}

void FooterBar::copyToken() {
    QGuiApplication::clipboard()->setText(m_client->token());
    m_copyToken->setText(tr("Copied"));
    QTimer::singleShot(kConfirmationMs, this, [this] { m_copyToken->setText(tr("Copy token")); });
    emit tokenCopied();
}

void FooterBar::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons();
}

void FooterBar::updateIcons() {
    m_copyToken->setIcon(tintedIcon(QStringLiteral("copy"), palette().color(QPalette::ButtonText)));
}

}  // namespace replicant::ui
