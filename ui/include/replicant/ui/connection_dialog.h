#pragma once

#include <QDialog>

#include "replicant/ui/client/connection.h"

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace replicant::ui {

class ApiClient;

// Chooses the platform the app talks to: the embedded server, a Replicant server (URL and
// token) or the Replicate API (token). "Test" tries the choice (GET /v1/account) without
// switching; Connect accepts it. The token is masked and is written to disk only when "Remember"
// is ticked, which says it is stored as plain text in the settings file.
class ConnectionDialog : public QDialog {
    Q_OBJECT

public:
    ConnectionDialog(const Connection& current, const Connection& embedded,
                     QWidget* parent = nullptr);

    // The connection chosen (valid once accepted).
    Connection connection() const;
    bool rememberToken() const;

    void setKind(Connection::Kind kind);
    QLineEdit* urlEdit() const { return m_url; }
    QLineEdit* tokenEdit() const { return m_token; }
    QString statusText() const;

public slots:
    void test();
    void accept() override;

private:
    Connection::Kind kind() const;
    // The connection the fields describe; empty base URL (and `problem`) when they do not.
    Connection candidate(QString* problem) const;
    void updateFields();
    void showStatus(const QString& text, bool error);

    Connection m_current;
    Connection m_embedded;
    QButtonGroup* m_kinds;
    QLineEdit* m_url;
    QLineEdit* m_token;
    QCheckBox* m_remember;
    QLabel* m_status;
    QPushButton* m_test;
    ApiClient* m_probe = nullptr;  // the client of the test in flight
    int m_tests = 0;
};

}  // namespace replicant::ui
