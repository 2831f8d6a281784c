#include "connection_probe.h"

#include <QTimer>

#include "replicant/ui/client/api_client.h"

namespace replicant::ui {

ConnectionProbe::ConnectionProbe(ApiClient* client, QObject* parent)
    : QObject(parent), m_client(client), m_timer(new QTimer(this)) {
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ConnectionProbe::check);
    connect(client, &ApiClient::connectionChanged, this, &ConnectionProbe::check);
}

void ConnectionProbe::check() {
    const int generation = ++m_generation;
    m_timer->stop();
    if (m_state != State::Reachable)
        set(State::Checking, QString());
    m_client->fetchAccount(this, [this, generation](const ApiResult<Account>& result) {
        if (generation != m_generation)
            return;  // the connection changed meanwhile
        if (result) {
            set(State::Reachable, result->username);
        } else if (result.error().status == 401 || result.error().status == 403) {
            set(State::Unauthorized, result.error().message());
        } else {
            set(State::Unreachable, result.error().message());
        }
        m_timer->start(m_state == State::Reachable ? kIntervalMs : kRetryMs);
    });
}

void ConnectionProbe::set(State state, const QString& detail) {
    if (state == m_state && detail == m_detail)
        return;
    m_state = state;
    m_detail = detail;
    emit changed();
}

}  // namespace replicant::ui
