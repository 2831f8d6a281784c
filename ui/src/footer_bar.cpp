#include "footer_bar.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QTimer>
#include <QToolButton>

#include "connection_probe.h"
#include "icons.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/widgets/badge.h"
#include "replicant/widgets/separator.h"
#include "replicant/widgets/theme_switch.h"

namespace replicant::ui {

namespace {
constexpr int kConfirmationMs = 1500;
}

FooterBar::FooterBar(ApiClient* client, widgets::Theme* theme, QWidget* parent)
    : QWidget(parent),
      m_client(client),
      m_probe(new ConnectionProbe(client, this)),
      m_state(new widgets::Badge(this)),
      m_connection(new QToolButton(this)),
      m_copyToken(new QToolButton(this)),
      m_themeSwitch(new widgets::ThemeSwitch(theme, this)) {
    setObjectName(QStringLiteral("footer"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);

    m_state->setObjectName(QStringLiteral("connectionState"));
    m_connection->setObjectName(QStringLiteral("footerConnection"));
    m_connection->setAutoRaise(true);
    m_connection->setAccessibleName(tr("Connection settings"));
    connect(m_connection, &QToolButton::clicked, this, &FooterBar::connectionSettingsRequested);

    m_copyToken->setObjectName(QStringLiteral("copyToken"));
    m_copyToken->setText(tr("Copy token"));
    m_copyToken->setToolTip(tr("Copy the API token to the clipboard, for code and curl"));
    m_copyToken->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copyToken->setAutoRaise(true);
    connect(m_copyToken, &QToolButton::clicked, this, &FooterBar::copyToken);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 4, 12, 4);
    layout->setSpacing(8);
    layout->addWidget(m_state);
    layout->addWidget(m_connection);
    layout->addStretch(1);
    layout->addWidget(m_copyToken);
    layout->addWidget(new widgets::Separator(Qt::Vertical, this));
    layout->addWidget(m_themeSwitch);
    updateIcons();

    connect(m_probe, &ConnectionProbe::changed, this, &FooterBar::updateConnection);
    connect(client, &ApiClient::connectionChanged, this, &FooterBar::updateConnection);
    updateConnection();
    // The first look waits for the event loop, so start-up paints before any request.
    QTimer::singleShot(0, m_probe, &ConnectionProbe::check);
}

QString FooterBar::connectionText() const {
    return m_connection->text();
}

QString FooterBar::stateText() const {
    return m_state->text();
}

void FooterBar::updateConnection() {
    const Connection c = m_client->connection();
    const QString address = c.baseUrl.toString(QUrl::StripTrailingSlash);
    m_connection->setText(QStringLiteral("%1 \u00b7 %2").arg(c.label(), address));
    m_copyToken->setEnabled(!c.token.isEmpty());
    using Tone = widgets::Badge::Tone;
    QString tip;
    switch (m_probe->state()) {
        case ConnectionProbe::State::Checking:
            m_state->set(tr("Checking"), Tone::Neutral, true);
            tip = tr("Checking whether %1 answers\u2026").arg(address);
            break;
        case ConnectionProbe::State::Reachable:
            m_state->set(tr("Reachable"), Tone::Success);
            tip = tr("%1 answers; signed in as %2.").arg(address, m_probe->detail());
            break;
        case ConnectionProbe::State::Unauthorized:
            m_state->set(tr("Token refused"), Tone::Warning);
            tip = tr("%1 refuses the API token: %2").arg(address, m_probe->detail());
            break;
        case ConnectionProbe::State::Unreachable:
            m_state->set(tr("Unreachable"), Tone::Danger);
            tip = tr("%1 does not answer: %2").arg(address, m_probe->detail());
            break;
    }
    m_state->setToolTip(tip);
    m_connection->setToolTip(tip + QLatin1Char('\n') + tr("Click to change the connection."));
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
