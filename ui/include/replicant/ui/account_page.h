#pragma once

#include "replicant/ui/page.h"

#include "replicant/ui/client/account.h"
#include "replicant/ui/client/api_result.h"

class QLabel;
class QPushButton;

namespace replicant::ui {

class ApiClient;

// Shows the account the API token belongs to (GET /v1/account). Loads each time it is shown and
// on Refresh; while waiting it says so, and a failed call is explained in place.
class AccountPage : public Page {
    Q_OBJECT

public:
    enum class State { Idle, Loading, Loaded, Failed };
    Q_ENUM(State)

    explicit AccountPage(ApiClient* client, QWidget* parent = nullptr);

    State state() const { return m_state; }
    // The last account loaded, and the last error ("Title — detail").
    const Account& account() const { return m_account; }
    QString errorText() const;

public slots:
    void refresh();

signals:
    void stateChanged(replicant::ui::AccountPage::State state);

protected:
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildLoadingView();
    QWidget* buildAccountView();
    QWidget* buildErrorView();
    void setState(State state);
    void showView(QWidget* view);
    void showAccount(const Account& account);
    void showError(const ApiError& error);

    ApiClient* m_client;
    State m_state = State::Idle;
    Account m_account;
    ApiError m_error;
    int m_generation = 0;  // answers to an earlier refresh() are dropped

    QPushButton* m_refresh = nullptr;
    QWidget* m_loadingView = nullptr;
    QWidget* m_accountView = nullptr;
    QWidget* m_errorView = nullptr;
    QLabel* m_username = nullptr;
    QLabel* m_name = nullptr;
    QLabel* m_type = nullptr;
    QLabel* m_github = nullptr;
    QLabel* m_errorMessage = nullptr;  // "Title — detail"
    QLabel* m_errorHint = nullptr;     // what to check, by kind of failure
};

}  // namespace replicant::ui
