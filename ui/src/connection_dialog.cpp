#include "replicant/ui/connection_dialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "replicant/ui/client/api_client.h"
#include "replicant/ui/settings.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
constexpr int kTestTimeoutMs = 10'000;
}

ConnectionDialog::ConnectionDialog(const Connection& current, const Connection& embedded,
                                   QWidget* parent)
    : QDialog(parent),
      m_current(current),
      m_embedded(embedded),
      m_kinds(new QButtonGroup(this)),
      m_url(new QLineEdit(this)),
      m_token(new QLineEdit(this)),
      m_remember(new QCheckBox(this)),
      m_status(new QLabel(this)),
      m_test(new QPushButton(tr("Test"), this)) {
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Connection"));
    setMinimumWidth(560);

    auto* intro = new QLabel(tr("Which platform this app talks to. Every page uses the same "
                                "API, so switching reloads them against the new one."),
                             this);
    intro->setWordWrap(true);
    const auto addKind = [this](Connection::Kind kind, const QString& text, const QString& name) {
        auto* button = new QRadioButton(text, this);
        button->setObjectName(name);
        m_kinds->addButton(button, int(kind));
        return button;
    };
    auto* embeddedChoice =
        addKind(Connection::Kind::Embedded, tr("Embedded server (runs inside this app)"),
                QStringLiteral("kindEmbedded"));
    auto* remoteChoice =
        addKind(Connection::Kind::Remote, tr("A Replicant server"), QStringLiteral("kindRemote"));
    auto* replicateChoice =
        addKind(Connection::Kind::Replicate,
                tr("The Replicate API (api.replicate.com, billed by Replicate)"),
                QStringLiteral("kindReplicate"));

    m_url->setObjectName(QStringLiteral("connectionUrl"));
    m_url->setPlaceholderText(QStringLiteral("http://host:5327"));
    m_token->setObjectName(QStringLiteral("connectionToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setClearButtonEnabled(true);
    m_remember->setObjectName(QStringLiteral("rememberToken"));
    m_remember->setText(tr("Remember the token on this computer"));
    m_remember->setToolTip(
        tr("Stored as plain text in the app's settings file; otherwise asked "
           "again after a restart (Replicate: $REPLICATE_API_TOKEN works too)."));
    m_remember->setChecked(settings::hasRememberedToken());
    m_status->setObjectName(QStringLiteral("connectionStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* fields = new QFormLayout;
    fields->addRow(tr("Address"), m_url);
    fields->addRow(tr("API token"), m_token);
    fields->addRow(QString(), m_remember);
    auto* rememberHint = new QLabel(
        tr("A remembered token is stored as plain text in the app's settings file."), this);
    rememberHint->setForegroundRole(QPalette::PlaceholderText);
    rememberHint->setWordWrap(true);
    fields->addRow(QString(), rememberHint);

    m_test->setObjectName(QStringLiteral("testConnection"));
    m_test->setToolTip(tr("Ask the server for the token's account, without switching"));
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::test);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(4);
    layout->addWidget(embeddedChoice);
    layout->addWidget(remoteChoice);
    layout->addWidget(replicateChoice);
    layout->addSpacing(4);
    layout->addLayout(fields);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_kinds, &QButtonGroup::idClicked, this, [this] { updateFields(); });
    if (current.kind == Connection::Kind::Remote)
        m_url->setText(current.baseUrl.toString());
    setKind(current.kind);
}

Connection::Kind ConnectionDialog::kind() const {
    return static_cast<Connection::Kind>(m_kinds->checkedId());
}

void ConnectionDialog::setKind(Connection::Kind kind) {
    m_kinds->button(int(kind))->setChecked(true);
    updateFields();
}

void ConnectionDialog::updateFields() {
    const Connection::Kind k = kind();
    const bool embedded = k == Connection::Kind::Embedded;
    m_url->setReadOnly(k != Connection::Kind::Remote);
    if (k == Connection::Kind::Embedded)
        m_url->setText(m_embedded.baseUrl.toString());
    else if (k == Connection::Kind::Replicate)
        m_url->setText(Connection::replicateUrl().toString());
    else if (m_url->text() == m_embedded.baseUrl.toString() ||
             m_url->text() == Connection::replicateUrl().toString())
        m_url->clear();
    m_token->setEnabled(!embedded);
    m_remember->setEnabled(!embedded);
    // The token in use is never shown: left empty, the field keeps it.
    const bool keeps = !embedded && k == m_current.kind && !m_current.token.isEmpty();
    m_token->setPlaceholderText(embedded ? tr("Managed by the app")
                                : keeps  ? tr("Unchanged (leave empty to keep the current token)")
                                : k == Connection::Kind::Replicate
                                    ? tr("r8_\u2026 (empty: $REPLICATE_API_TOKEN)")
                                    : tr("The server's token (replicant-server --token)"));
    showStatus(QString(), false);
}

Connection ConnectionDialog::candidate(QString* problem) const {
    Connection c;
    c.kind = kind();
    if (c.kind == Connection::Kind::Embedded)
        return m_embedded;
    c.baseUrl = c.kind == Connection::Kind::Replicate
                    ? Connection::replicateUrl()
                    : Connection::parseBaseUrl(m_url->text(), problem);
    c.token = m_token->text().trimmed();
    if (c.token.isEmpty() && c.kind == m_current.kind)
        c.token = m_current.token;
    if (c.token.isEmpty() && c.kind == Connection::Kind::Replicate)
        c.token = qEnvironmentVariable("REPLICATE_API_TOKEN");
    if (!c.baseUrl.isEmpty() && c.token.isEmpty() && c.kind == Connection::Kind::Replicate) {
        *problem = tr("The Replicate API needs a token (replicate.com/account/api-tokens).");
        c.baseUrl.clear();
    }
    return c;
}

Connection ConnectionDialog::connection() const {
    QString problem;
    return candidate(&problem);
}

bool ConnectionDialog::rememberToken() const {
    return m_remember->isChecked();
}

QString ConnectionDialog::statusText() const {
    return m_status->text();
}

void ConnectionDialog::showStatus(const QString& text, bool error) {
    m_status->setStyleSheet(error ? errorStyleSheet(palette()) : QString());
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void ConnectionDialog::test() {
    QString problem;
    const Connection c = candidate(&problem);
    if (c.baseUrl.isEmpty())
        return showStatus(problem, true);
    const int generation = ++m_tests;
    delete m_probe;
    m_probe = new ApiClient(c.baseUrl, c.token, this);
    m_probe->setTransferTimeout(kTestTimeoutMs);
    showStatus(tr("Asking %1\u2026").arg(c.baseUrl.toString()), false);
    m_probe->fetchAccount(this, [this, generation, url = c.baseUrl](const ApiResult<Account>& r) {
        if (generation != m_tests)
            return;
        if (r)
            showStatus(tr("%1 answers: signed in as %2.").arg(url.toString(), r->username), false);
        else if (r.error().status == 401 || r.error().status == 403)
            showStatus(
                tr("%1 answers but refuses the token: %2").arg(url.toString(), r.error().message()),
                true);
        else
            showStatus(tr("%1 does not answer: %2").arg(url.toString(), r.error().message()), true);
    });
}

void ConnectionDialog::accept() {
    QString problem;
    if (candidate(&problem).baseUrl.isEmpty())
        return showStatus(problem, true);
    QDialog::accept();
}

}  // namespace replicant::ui
