// Input validation against Cog OpenAPI schemas, as the real platform reports it.
#include <QtTest>

#include <boost/json.hpp>

#include "core/input_validation.h"

using namespace replicant::backend;

class InputValidationTest : public QObject {
    Q_OBJECT

private slots:
    void bodyMembers() {
        auto body = boost::json::parse(R"({"model":"x","input":{}})").as_object();
        auto errors = core::validateBodyMembers(body, {"version", "input"}, {"version", "input"});
        QCOMPARE(errors.size(), std::size_t{2});
        auto e = core::validationError(errors);
        QCOMPARE(QString::fromStdString(e.detail),
                 QStringLiteral("- version is required\n- Additional property model is not "
                                "allowed\n"));
    }
};

QTEST_GUILESS_MAIN(InputValidationTest)
#include "test_input_validation.moc"
