#pragma once

#include <QObject>
#include <QString>

class QTimer;

namespace replicant::ui {

class ApiClient;

// Whether the client's connection answers: GET /v1/account when the connection changes, every
// kIntervalMs while it works, and more often while it does not, so the footer can say
// "reachable" or why not.
class ConnectionProbe : public QObject {
    Q_OBJECT

public:
    enum class State { Checking, Reachable, Unauthorized, Unreachable };
    static constexpr int kIntervalMs = 30'000;
    static constexpr int kRetryMs = 5'000;

    explicit ConnectionProbe(ApiClient* client, QObject* parent = nullptr);

    State state() const { return m_state; }
    // The account's username when reachable, else why it is not.
    QString detail() const { return m_detail; }

public slots:
    void check();

signals:
    void changed();

private:
    void set(State state, const QString& detail);

    ApiClient* m_client;
    QTimer* m_timer;
    State m_state = State::Checking;
    QString m_detail;
    int m_generation = 0;
};

}  // namespace replicant::ui
