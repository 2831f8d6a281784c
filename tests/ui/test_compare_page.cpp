// The comparison grid against a real backend: shared and per-column inputs from the built-in
// models' real schemas, Run all creating every prediction at once, synced image views, moving,
// swapping and re-running one column, save and reopen, PNG export and the two-output slider; and
// the prediction page's before/after tab for an image-to-image prediction.
#include <QBuffer>
#include <QComboBox>
#include <QDialog>
#include <QJsonArray>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "backend_fixture.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/compare_column.h"
#include "replicant/ui/compare_page.h"
#include "replicant/ui/comparison_inputs.h"
#include "replicant/ui/comparison_store.h"
#include "replicant/ui/location.h"
#include "replicant/ui/output_view.h"
#include "replicant/ui/prediction_page.h"
#include "replicant/ui/run_panel.h"
#include "replicant/viewers/image_view.h"
#include "replicant/widgets/before_after_slider.h"
#include "replicant/widgets/schema_form.h"
#include "replicant/widgets/theme.h"

using namespace replicant::ui;

namespace {
constexpr int kRunTimeoutMs = 30'000;

QStringList propertyNames(const QJsonObject& objectSchema) {
    return objectSchema.value("properties").toObject().keys();
}
}  // namespace

class ComparePageTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void locationsAndNames();
    void mergesTwoRealSchemas();
    void sameNameOtherTypeStaysPerColumn();
    void runAllStartsEveryColumnAtOnce();
    void movesSwapsAndRerunsOneColumn();
    void savesAndReopens();
    void badSavedComparisonsSaySo();
    void predictionPageComparesInputAndOutput();
    void runPanelOffersCompareForImageToImage();

private:
    QJsonObject openapiOf(const QString& ref);
    // A page with stylize and upscale on a small photo, both runs finished.
    std::unique_ptr<ComparePage> runTwoImageModels();

    test::BackendFixture m_backend;
    std::unique_ptr<replicant::widgets::Theme> m_theme;
    std::unique_ptr<ApiClient> m_client;
    QTemporaryDir m_store;
    QString m_photo;  // a small photo as a data: URI
};

void ComparePageTest::initTestCase() {
    QString why;
    QVERIFY2(m_backend.start(&why), qPrintable(why));
    m_theme = std::make_unique<replicant::widgets::Theme>(replicant::widgets::Theme::Mode::Light);
    m_client = std::make_unique<ApiClient>(m_backend.baseUrl(), test::kToken);
    // A small made-up photo: a gradient with a disc, as a PNG data: URI.
    QImage photo(96, 64, QImage::Format_RGB32);
    for (int y = 0; y < photo.height(); ++y)
        for (int x = 0; x < photo.width(); ++x)
            photo.setPixel(x, y, qRgb(x * 2, y * 3, 160 - x));
    QPainter painter(&photo);
    painter.setBrush(Qt::yellow);
    painter.drawEllipse(QPoint(48, 32), 18, 18);
    painter.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    photo.save(&buffer, "PNG");
    m_photo = QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
    QVERIFY2(m_photo.startsWith("data:image/"), qPrintable(m_photo.left(200)));
}

void ComparePageTest::cleanupTestCase() {
    m_backend.stop();
}

QJsonObject ComparePageTest::openapiOf(const QString& ref) {
    auto model = m_backend.call("GET", "/v1/models/" + ref);
    if (!model || !model->ok())
        return {};
    return model->value()
        .object()
        .value("latest_version")
        .toObject()
        .value("openapi_schema")
        .toObject();
}

void ComparePageTest::locationsAndNames() {
    QVERIFY(isLocation("compare"));
    QVERIFY(isLocation("compare:photo filters"));
    QVERIFY(isLocation("prediction:abc123#compare"));
    QVERIFY(!isLocation("compare:"));
    QVERIFY(!isLocation("compare:../etc/passwd"));
    QVERIFY(!isLocation("prediction:abc#code"));
    QVERIFY(ComparisonStore::isValidName("photo filters-2.v1"));
    QVERIFY(!ComparisonStore::isValidName(" leading space"));
    QVERIFY(!ComparisonStore::isValidName("a/b"));
    QVERIFY(!ComparisonStore::isValidName(QString(65, 'x')));
}

void ComparePageTest::mergesTwoRealSchemas() {
    const QJsonObject stylize = openapiOf("replicant/stylize");
    const QJsonObject upscale = openapiOf("replicant/upscale");
    QVERIFY(!stylize.isEmpty() && !upscale.isEmpty());
    const ComparisonInputs merged = mergeComparisonInputs({stylize, upscale});
    QCOMPARE(merged.columns.size(), 2);
    const QStringList shared = propertyNames(merged.shared);
    QVERIFY2(shared.contains("image"), qPrintable(shared.join(',')));
    // Both write their output with the same format choices.
    QVERIFY2(shared.contains("output_format"), qPrintable(shared.join(',')));
    QVERIFY(merged.shared.value("required").toArray().contains("image"));
    const QStringList first = propertyNames(merged.columns[0]);
    const QStringList second = propertyNames(merged.columns[1]);
    QVERIFY2(first.contains("style") && !second.contains("style"), qPrintable(first.join(',')));
    QVERIFY2(second.contains("scale") && !first.contains("scale"), qPrintable(second.join(',')));
    for (const QString& name : shared)
        QVERIFY(!first.contains(name) && !second.contains(name));
    // Every input of each model is somewhere, resolved (no $ref left for the forms).
    const auto inputsOf = [](const QJsonObject& doc) {
        return doc["components"]["schemas"]["Input"]["properties"].toObject().keys();
    };
    for (const QString& name : inputsOf(stylize))
        QVERIFY2(shared.contains(name) || first.contains(name), qPrintable(name));
    for (const QString& name : inputsOf(upscale))
        QVERIFY2(shared.contains(name) || second.contains(name), qPrintable(name));
    const QJsonObject style = merged.columns[0]["properties"]["style"].toObject();
    QVERIFY(style.contains("enum"));
    QVERIFY(!style.contains("allOf") && !style.contains("$ref"));
    // With one version, everything is shared.
    const ComparisonInputs alone = mergeComparisonInputs({stylize});
    QCOMPARE(propertyNames(alone.shared).size(), inputsOf(stylize).size());
    QVERIFY(propertyNames(alone.columns[0]).isEmpty());
}

void ComparePageTest::sameNameOtherTypeStaysPerColumn() {
    const auto doc = [](const QJsonObject& properties) {
        return QJsonObject{
            {"components",
             QJsonObject{
                 {"schemas", QJsonObject{{"Input", QJsonObject{{"type", "object"},
                                                               {"properties", properties}}}}}}}};
    };
    const QJsonObject a =
        doc({{"seed", QJsonObject{{"type", "integer"}}},
             {"prompt", QJsonObject{{"type", "string"}}},
             {"image", QJsonObject{{"type", "string"}, {"format", "uri"}}},
             {"mode", QJsonObject{{"type", "string"}, {"enum", QJsonArray{"a", "b"}}}}});
    const QJsonObject b =
        doc({{"seed", QJsonObject{{"type", "string"}}},
             {"prompt", QJsonObject{{"type", "string"}}},
             {"image", QJsonObject{{"type", "string"}}},
             {"mode", QJsonObject{{"type", "string"}, {"enum", QJsonArray{"a", "c"}}}}});
    const ComparisonInputs merged = mergeComparisonInputs({a, b});
    QCOMPARE(propertyNames(merged.shared), QStringList{"prompt"});
    QCOMPARE(propertyNames(merged.columns[0]), (QStringList{"image", "mode", "seed"}));
    QCOMPARE(propertyNames(merged.columns[1]), (QStringList{"image", "mode", "seed"}));
}

std::unique_ptr<ComparePage> ComparePageTest::runTwoImageModels() {
    auto page = std::make_unique<ComparePage>(m_client.get());
    page->setStoreDirectory(m_store.path());
    page->resize(1200, 800);
    page->show();
    page->columns()[0]->setModel("replicant/stylize");
    page->columns()[1]->setModel("replicant/upscale");
    if (!QTest::qWaitFor(
            [&] {
                return page->columns()[0]->version() && page->columns()[1]->version() &&
                       page->sharedForm()->fieldNames().contains("image");
            },
            10'000))
        return nullptr;
    page->sharedForm()->setValues({{"image", m_photo}});
    page->columns()[0]->ownForm()->setValues({{"style", "pencil_sketch"}});
    if (!page->runAll())
        return nullptr;
    return page;
}

void ComparePageTest::runAllStartsEveryColumnAtOnce() {
    auto page = runTwoImageModels();
    QVERIFY(page);
    CompareColumn* first = page->columns()[0];
    CompareColumn* second = page->columns()[1];
    // Both create requests are out before either answers: the runs are not queued one by one.
    QCOMPARE(first->runPanel()->statusText(), QStringLiteral("Creating"));
    QCOMPARE(second->runPanel()->statusText(), QStringLiteral("Creating"));
    QTRY_VERIFY_WITH_TIMEOUT(
        first->prediction().status == "succeeded" && second->prediction().status == "succeeded",
        kRunTimeoutMs);
    QVERIFY(first->prediction().id != second->prediction().id);
    QCOMPARE(first->prediction().model, QStringLiteral("replicant/stylize"));
    QCOMPARE(first->prediction().input.value("style").toString(), QStringLiteral("pencil_sketch"));
    QCOMPARE(second->prediction().input.value("image").toString(), m_photo);
    QVERIFY(first->prediction().predictTime.has_value());
    QVERIFY(!first->runPanel()->findChild<QLabel*>("predictTime")->text().isEmpty());
    QTRY_VERIFY(first->runPanel()->costText().startsWith("Estimated cost"));

    // The image cells zoom and pan together; upscale's output is twice as wide, so its zoom is
    // half to show the same part.
    QTRY_VERIFY_WITH_TIMEOUT(!first->outputImage().isNull() && !second->outputImage().isNull(),
                             10'000);
    auto* a = first->runPanel()->outputView()->findChild<replicant::viewers::ImageView*>();
    auto* b = second->runPanel()->outputView()->findChild<replicant::viewers::ImageView*>();
    QVERIFY(a && b);
    QCOMPARE(second->outputImage().width(), 2 * first->outputImage().width());
    a->setZoom(8.0);
    QCOMPARE(b->zoom(), 4.0);
    QVERIFY(a->horizontalScrollBar()->maximum() > 0 && b->horizontalScrollBar()->maximum() > 0);
    a->horizontalScrollBar()->setValue(a->horizontalScrollBar()->maximum());
    QCOMPARE(b->horizontalScrollBar()->value(), b->horizontalScrollBar()->maximum());
    b->verticalScrollBar()->setValue(0);
    QCOMPARE(a->verticalScrollBar()->value(), 0);
    b->horizontalScrollBar()->setValue(b->horizontalScrollBar()->maximum() / 2);
    QVERIFY(std::abs(a->horizontalScrollBar()->value() - a->horizontalScrollBar()->maximum() / 2) <=
            2);
    a->fitToWindow();
    QVERIFY(b->fitsToWindow());

    // Two image outputs open in the slider.
    auto* dialog = page->compareOutputs();
    QVERIFY(dialog);
    auto* slider = dialog->findChild<replicant::widgets::BeforeAfterSlider*>();
    QCOMPARE(slider->beforeImage(), first->outputImage());
    QCOMPARE(slider->afterImage(), second->outputImage());
    QCOMPARE(slider->beforeRect(), slider->afterRect());  // same aspect, one frame
    dialog->close();

    // One PNG with both cells.
    const QImage exported = page->renderImage();
    QVERIFY(exported.width() >= 2 * 200);
    const QString png = m_store.filePath("grid.png");
    QString error;
    QVERIFY2(page->exportPng(png, &error), qPrintable(error));
    QCOMPARE(QImage(png).size(), exported.size());
}

void ComparePageTest::movesSwapsAndRerunsOneColumn() {
    auto page = runTwoImageModels();
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(!page->columns()[0]->isRunning() && !page->columns()[1]->isRunning() &&
                                 !page->columns()[1]->prediction().id.isEmpty(),
                             kRunTimeoutMs);
    CompareColumn* stylize = page->columns()[0];
    CompareColumn* upscale = page->columns()[1];
    const QString stylizeRun = stylize->prediction().id;

    // Move right, through the column's own button.
    QVERIFY(!stylize->findChild<QToolButton*>("moveLeft")->isEnabled());
    QTest::mouseClick(stylize->findChild<QToolButton*>("moveRight"), Qt::LeftButton);
    QCOMPARE(page->columns()[0], upscale);
    QCOMPARE(page->columns()[1], stylize);
    QTRY_VERIFY(upscale->x() < stylize->x());
    QCOMPARE(stylize->prediction().id, stylizeRun);  // moving does not run

    // The pickers offer the catalogue (every page of it).
    auto* picker = upscale->findChild<QComboBox*>("modelPicker");
    QTRY_VERIFY(picker->findText("replicant/denoise") >= 0);
    QVERIFY(picker->findText("replicate/hello-world") >= 0);
    // Swap upscale for denoise through the picker: its own inputs change, the shared stay.
    emit picker->textActivated("replicant/denoise");
    QTRY_VERIFY_WITH_TIMEOUT(upscale->version().has_value(), 10'000);
    QCOMPARE(upscale->modelRef(), QStringLiteral("replicant/denoise"));
    QVERIFY(upscale->ownForm()->fieldNames().contains("strength"));
    QVERIFY(!upscale->ownForm()->fieldNames().contains("scale"));
    QCOMPARE(page->sharedForm()->values().value("image").toString(), m_photo);

    // Re-run one cell: only it gets a new prediction.
    QTest::mouseClick(upscale->findChild<QToolButton*>("rerun"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(upscale->prediction().status == "succeeded", kRunTimeoutMs);
    QCOMPARE(upscale->prediction().model, QStringLiteral("replicant/denoise"));
    QCOMPARE(upscale->prediction().input.value("image").toString(), m_photo);
    QCOMPARE(stylize->prediction().id, stylizeRun);

    // A model that does not exist says so in its column; Run all still runs the others.
    page->addColumn("nobody/nothing");
    QCOMPARE(page->columns().size(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(!page->columns()[2]->loadError().isEmpty(), 10'000);
    QVERIFY(page->runAll());
    QVERIFY(page->columns()[2]->runPanel()->errorText().isEmpty());
    page->removeColumn(2);
    QCOMPARE(page->columns().size(), 2);
    page->removeColumn(0);  // never fewer than two
    QCOMPARE(page->columns().size(), 2);

    // Ctrl+Enter in the shared form runs every column.
    QTRY_VERIFY_WITH_TIMEOUT(!page->columns()[0]->isRunning() && !page->columns()[1]->isRunning(),
                             kRunTimeoutMs);
    page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(page.get()));
    QWidget* editor = page->sharedForm()->editor("output_format");
    QVERIFY(editor);
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(page->columns()[0]->runPanel()->statusText(), QStringLiteral("Creating"));
    QCOMPARE(page->columns()[1]->runPanel()->statusText(), QStringLiteral("Creating"));
}

void ComparePageTest::savesAndReopens() {
    auto page = runTwoImageModels();
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->columns()[0]->prediction().status == "succeeded" &&
                                 page->columns()[1]->prediction().status == "succeeded",
                             kRunTimeoutMs);
    QString error;
    QVERIFY2(page->save("two filters", &error), qPrintable(error));
    QVERIFY(page->store().names().contains("two filters"));
    QVERIFY(!page->save("bad/name", &error));
    QVERIFY(!error.isEmpty());

    ComparePage reopened(m_client.get());
    reopened.setStoreDirectory(m_store.path());
    reopened.resize(1200, 800);
    reopened.show();
    reopened.openSaved("two filters");
    QTRY_VERIFY_WITH_TIMEOUT(reopened.isReady(), 15'000);
    QVERIFY2(reopened.errorText().isEmpty(), qPrintable(reopened.errorText()));
    QCOMPARE(reopened.currentName(), QStringLiteral("two filters"));
    QCOMPARE(reopened.columns().size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(reopened.columns()[i]->modelRef(), page->columns()[i]->modelRef());
        QCOMPARE(reopened.columns()[i]->prediction().id, page->columns()[i]->prediction().id);
    }
    QCOMPARE(reopened.columns()[0]->ownInput().value("style").toString(),
             QStringLiteral("pencil_sketch"));
    QCOMPARE(reopened.sharedForm()->values().value("image").toString(), m_photo);
    QTRY_VERIFY_WITH_TIMEOUT(!reopened.columns()[1]->outputImage().isNull(), 10'000);
    // What was saved runs again as it was.
    QCOMPARE(reopened.columns()[0]->currentInput(), page->columns()[0]->currentInput());
}

void ComparePageTest::badSavedComparisonsSaySo() {
    ComparePage page(m_client.get());
    page.setStoreDirectory(m_store.path());
    page.openSaved("never saved");
    QVERIFY(page.isReady());
    QVERIFY(page.errorText().contains("No saved comparison"));
    QFile broken(m_store.filePath("broken.json"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"format\": 1, \"columns\": [{\"model\": \"no-slash\"}]}");
    broken.close();
    page.openSaved("broken");
    QVERIFY(page.errorText().contains("names no model"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not json");
    broken.close();
    page.openSaved("broken");
    QVERIFY(page.errorText().contains("not valid JSON"));
    QCOMPARE(page.columns().size(), 2);  // what was shown stays

    // More columns than the grid holds: the first four, and a word about the rest.
    QJsonArray columns;
    for (int i = 0; i < 5; ++i)
        columns.append(QJsonObject{{"model", "replicate/hello-world"}});
    QString error;
    auto five = Comparison::fromJson({{"format", 1}, {"columns", columns}}, &error);
    QVERIFY2(five, qPrintable(error));
    five->name = "five";
    QVERIFY2(ComparisonStore(m_store.path()).save(*five, &error), qPrintable(error));
    page.openSaved("five");
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 10'000);
    QCOMPARE(page.columns().size(), ComparePage::kMaxColumns);
    QVERIFY(page.errorText().contains("the first 4 are shown"));
    // A format from the future is refused, not misread.
    QVERIFY(!Comparison::fromJson({{"format", 2}, {"columns", columns}}, &error));
    QVERIFY(error.contains("format 2"));
}

void ComparePageTest::predictionPageComparesInputAndOutput() {
    auto created =
        m_backend.call("POST", "/v1/models/replicant/stylize/predictions",
                       {{"input", QJsonObject{{"image", m_photo}, {"style", "detail_enhance"}}}});
    QVERIFY2(created && created->ok(), qPrintable(test::why(created)));
    const QString id = created->value().object().value("id").toString();
    PredictionPage page(m_client.get());
    page.resize(1000, 700);
    page.show();
    page.openPrediction(id);
    page.showCompare();
    QTRY_VERIFY_WITH_TIMEOUT(page.prediction().status == "succeeded", kRunTimeoutMs);
    QTRY_COMPARE(page.tabs()->tabText(page.tabs()->currentIndex()), QStringLiteral("Compare"));
    auto* slider = page.findChild<replicant::widgets::BeforeAfterSlider*>();
    QVERIFY(slider);
    QTRY_VERIFY_WITH_TIMEOUT(!slider->beforeImage().isNull() && !slider->afterImage().isNull(),
                             10'000);
    QCOMPARE(slider->beforeImage().size(), slider->afterImage().size());

    // A text prediction has no Compare tab.
    auto text = m_backend.call("POST", "/v1/models/replicate/hello-world/predictions",
                               {{"input", QJsonObject{{"text", "x"}}}});
    QVERIFY(text && text->ok());
    page.openPrediction(text->value().object().value("id").toString());
    QTRY_VERIFY_WITH_TIMEOUT(page.prediction().isTerminal(), kRunTimeoutMs);
    const int compareTab = page.tabs()->indexOf(
        reinterpret_cast<QWidget*>(page.findChild<QWidget*>("inputOutputCompare")));
    QVERIFY(!page.tabs()->isTabVisible(compareTab));
}

void ComparePageTest::runPanelOffersCompareForImageToImage() {
    auto created = m_backend.call("POST", "/v1/models/replicant/upscale/predictions",
                                  {{"input", QJsonObject{{"image", m_photo}, {"scale", 2}}}});
    QVERIFY2(created && created->ok(), qPrintable(test::why(created)));
    const QString id = created->value().object().value("id").toString();
    RunPanel panel(m_client.get());
    panel.resize(800, 600);
    panel.show();
    QVERIFY(panel.compareButton()->isHidden());
    std::optional<Prediction> done;
    QObject context;
    const auto fetch = [&] {
        m_client->fetchPrediction(id, &context, [&](const ApiResult<Prediction>& r) {
            if (r)
                done = r.value();
        });
    };
    fetch();
    QTRY_VERIFY(done.has_value());
    if (!done->isTerminal()) {
        panel.showPrediction(*done);
        QTRY_VERIFY_WITH_TIMEOUT(panel.prediction().isTerminal(), kRunTimeoutMs);
    } else {
        panel.showPrediction(*done);
    }
    QVERIFY(panel.compareButton()->isVisible());
    QTest::mouseClick(panel.compareButton(), Qt::LeftButton);
    auto* slider = panel.findChild<replicant::widgets::BeforeAfterSlider*>();
    QVERIFY(slider && slider->isVisible());
    QVERIFY(!panel.outputView()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!slider->beforeImage().isNull() && !slider->afterImage().isNull(),
                             10'000);
    // The 2x output lies exactly on its input.
    QCOMPARE(slider->afterImage().size(), slider->beforeImage().size() * 2);
    QCOMPARE(slider->beforeRect(), slider->afterRect());
    QTest::mouseClick(panel.compareButton(), Qt::LeftButton);
    QVERIFY(panel.outputView()->isVisible());

    // Not offered when turned off, nor after clear().
    panel.setInputCompareOffered(false);
    QVERIFY(panel.compareButton()->isHidden());
    panel.setInputCompareOffered(true);
    QVERIFY(panel.compareButton()->isVisible());
    panel.clear("x");
    QVERIFY(panel.compareButton()->isHidden());
}

QTEST_MAIN(ComparePageTest)
#include "test_compare_page.moc"
