// The Cog runners page against a real backend and the fake Cog server (tests/cog/fake_cog.py):
// a runner added through the API appears with its health, the add form reports the server's
// errors in place, and Remove takes a runner away.
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

#include "backend_fixture.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/runners_page.h"

using namespace replicant::ui;

class RunnersPageTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QString why;
        QVERIFY2(m_backend.start(&why), qPrintable(why));
        m_client = new ApiClient(m_backend.baseUrl(), test::kToken, this);
    }
    void cleanupTestCase() { m_backend.stop(); }

    void showsARunnerAndItsHealth() {
        const QString command = QStringLiteral("python3 %1/tests/cog/fake_cog.py --predictor echo")
                                    .arg(QStringLiteral(REPLICANT_SOURCE_DIR));
        auto made = m_backend.call("POST", QStringLiteral("/replicant/v1/runners"),
                                   {{"model", test::kUsername + "/echo"}, {"command", command}});
        QVERIFY2(made && made->ok(), qPrintable(test::why(made)));

        RunnersPage page(m_client);
        page.resize(1000, 800);
        page.show();
        auto* table = page.table();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return table->rowCount() == 1 && table->item(0, 1) &&
                       table->item(0, 1)->text() == QLatin1String("READY");
            },
            20'000));
        QCOMPARE(table->item(0, 0)->text(), test::kUsername + "/echo");
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("command"));
        table->selectRow(0);
        auto* details = page.findChild<QPlainTextEdit*>(QStringLiteral("runnerDetails"));
        QVERIFY(details->toPlainText().contains(QStringLiteral("is READY")));
        QVERIFY(details->toPlainText().contains(QStringLiteral("Server output:")));

        // Remove it: the row goes.
        auto* remove = page.findChild<QPushButton*>(QStringLiteral("runnerRemove"));
        QVERIFY(remove->isEnabled());
        remove->click();
        QVERIFY(QTest::qWaitFor([&] { return table->rowCount() == 0; }, 10'000));
    }

    void addFormShowsTheServersError() {
        RunnersPage page(m_client);
        page.show();
        page.findChild<QLineEdit*>(QStringLiteral("runnerModel"))->setText("someone-else/model");
        page.findChild<QLineEdit*>(QStringLiteral("runnerTarget"))->setText("http://127.0.0.1:9");
        page.findChild<QPushButton*>(QStringLiteral("runnerAdd"))->click();
        auto* error = page.findChild<QLabel*>(QStringLiteral("runnerAddError"));
        QVERIFY(QTest::qWaitFor([&] { return error->isVisible(); }, 10'000));
        QVERIFY2(error->text().contains(QStringLiteral("your own account")),
                 qPrintable(error->text()));
    }

    void aServerWithoutTheApiSaysSo() {
        ApiClient elsewhere(QUrl(QStringLiteral("http://127.0.0.1:9")), test::kToken);
        RunnersPage page(&elsewhere);
        page.show();
        auto* message = page.findChild<QLabel*>(QStringLiteral("runnersMessage"));
        QVERIFY(QTest::qWaitFor([&] { return message->isVisible(); }, 10'000));
        QVERIFY2(message->text().contains(QStringLiteral("cannot be reached")),
                 qPrintable(message->text()));
    }

private:
    test::BackendFixture m_backend;
    ApiClient* m_client = nullptr;
};

QTEST_MAIN(RunnersPageTest)
#include "test_runners_page.moc"
