#pragma once

#include <QElapsedTimer>
#include <QJsonArray>

#include "replicant/ui/page.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace replicant::ui {

class ApiClient;

// The Cog runners of the server (GET/POST/DELETE /replicant/v1/runners): which Cog servers
// serve which models, their health (STARTING, READY, BUSY, SETUP_FAILED, ...), setup logs and
// output; add a runner (a URL, a command or an image), restart or remove one. Refreshes every
// two seconds while shown. Against the real Replicate API it says that runners are a Replicant
// feature.
class RunnersPage : public Page {
    Q_OBJECT

public:
    explicit RunnersPage(ApiClient* client, QWidget* parent = nullptr);

    void refresh();
    QTableWidget* table() const { return m_table; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QWidget* buildAddForm();
    void showRunners(const QJsonArray& runners);
    void showDetails();
    void addRunner();
    void act(const QByteArray& method, const QString& suffix);
    QString selectedModel() const;

    ApiClient* m_client;
    QTableWidget* m_table = nullptr;
    QLabel* m_message = nullptr;
    QPlainTextEdit* m_details = nullptr;
    QLineEdit* m_model = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_target = nullptr;
    QSpinBox* m_concurrency = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_restart = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_addError = nullptr;
    QTimer* m_timer = nullptr;
    QJsonArray m_runners;
    QElapsedTimer m_shown;
};

}  // namespace replicant::ui
