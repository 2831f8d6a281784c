// Widget tests of the schema form (widgets/): every field type, x-order, defaults, client-side
// validation with the server's messages, errors shown beside fields, secrets, files and arrays.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "replicant/widgets/json_schema.h"
#include "replicant/widgets/schema_form.h"

using replicant::widgets::SchemaForm;
namespace json_schema = replicant::widgets::json_schema;

namespace {
QJsonObject loadDocument() {
    QFile file(QStringLiteral(REPLICANT_TEST_DATA "/cog_schema.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read cog_schema.json");
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject inputSchema(const QJsonObject& document) {
    return document.value(QLatin1String("components"))
        .toObject()
        .value(QLatin1String("schemas"))
        .toObject()
        .value(QLatin1String("Input"))
        .toObject();
}

QLabel* errorLabel(SchemaForm& form, const QString& name) {
    QWidget* row = form.findChild<QWidget*>(QStringLiteral("row-") + name);
    return row ? row->findChild<QLabel*>(QStringLiteral("error")) : nullptr;
}
}  // namespace

class SchemaFormTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void ordersFieldsByXOrder();
    void picksAnEditorPerType();
    void prefillsDefaultsAndOmitsUnsetFields();
    void numbersHaveRangesAndSliders();
    void enumsResolveCogAllOfRef();
    void setValuesRoundTrips();
    void requiredFieldIsReportedBesideIt();
    void validationMessagesMatchTheServers();
    void serverErrorsShowBesideTheirFields();
    void secretsAreMaskedAndNotKeptInHistory();
    void filesBecomeDataUrisWithAPreview();
    void arraysAddAndRemoveItems();
    void jsonFieldReportsMalformedText();
    void emptySchemaSaysSo();
    void ctrlEnterAsksToSubmit();

private:
    QJsonObject m_document;
    std::unique_ptr<SchemaForm> m_form;
};

void SchemaFormTest::init() {
    m_document = loadDocument();
    m_form = std::make_unique<SchemaForm>();
    m_form->setSchema(inputSchema(m_document), m_document);
}

void SchemaFormTest::ordersFieldsByXOrder() {
    QCOMPARE(m_form->fieldNames(),
             QStringList({"prompt", "image", "width", "scheduler", "guidance_scale", "num_outputs",
                          "seed", "negative_prompt", "api_key", "tags", "watermark", "extra"}));
    // The layout follows the same order, top to bottom.
    m_form->resize(600, 2000);
    m_form->show();
    int lastY = -1;
    for (const QString& name : m_form->fieldNames()) {
        auto* row = m_form->findChild<QWidget*>(QStringLiteral("row-") + name);
        QVERIFY(row);
        QVERIFY2(row->y() > lastY, qPrintable(name));
        lastY = row->y();
    }
}

void SchemaFormTest::picksAnEditorPerType() {
    QVERIFY(qobject_cast<QPlainTextEdit*>(m_form->editor("prompt")));  // prose: multi-line
    QVERIFY(qobject_cast<QLineEdit*>(m_form->editor("negative_prompt")) ||
            qobject_cast<QPlainTextEdit*>(m_form->editor("negative_prompt")));
    QVERIFY(qobject_cast<QLineEdit*>(m_form->editor("image")));  // file or URL
    QVERIFY(m_form->field("image")->findChild<QToolButton*>(QStringLiteral("pick")));
    QVERIFY(qobject_cast<QComboBox*>(m_form->editor("width")));      // integer enum
    QVERIFY(qobject_cast<QComboBox*>(m_form->editor("scheduler")));  // string enum
    QVERIFY(qobject_cast<QDoubleSpinBox*>(m_form->editor("guidance_scale")));
    QVERIFY(qobject_cast<QDoubleSpinBox*>(m_form->editor("seed")));
    QVERIFY(qobject_cast<QCheckBox*>(m_form->editor("watermark")));
    auto* secret = qobject_cast<QLineEdit*>(m_form->editor("api_key"));
    QVERIFY(secret);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QVERIFY(m_form->field("tags")->findChild<QPushButton*>(QStringLiteral("addItem")));
    QVERIFY(qobject_cast<QPlainTextEdit*>(m_form->editor("extra")));  // object: JSON
    // Descriptions are shown as help.
    auto* help = m_form->findChild<QWidget*>("row-guidance_scale")->findChild<QLabel*>("help");
    QVERIFY(help);
    QCOMPARE(help->text(), QStringLiteral("Scale for classifier-free guidance"));
    auto* hint = m_form->findChild<QWidget*>("row-prompt")->findChild<QLabel*>("typeHint");
    QVERIFY(hint->text().contains(QLatin1String("required")));
}

void SchemaFormTest::prefillsDefaultsAndOmitsUnsetFields() {
    const QJsonObject values = m_form->values();
    QCOMPARE(values.value("width").toInt(), 768);
    QCOMPARE(values.value("scheduler").toString(), QStringLiteral("K_EULER"));
    QCOMPARE(values.value("guidance_scale").toDouble(), 7.5);
    QCOMPARE(values.value("num_outputs").toInt(), 1);
    QCOMPARE(values.value("watermark").toBool(), true);
    // No default and left alone: not sent, so the server applies its own behaviour.
    for (const char* unset :
         {"prompt", "image", "seed", "negative_prompt", "api_key", "tags", "extra"})
        QVERIFY2(!values.contains(QLatin1String(unset)), unset);
    // Integers are sent as integers.
    QVERIFY(values.value("num_outputs").isDouble());
    QCOMPARE(QJsonDocument(QJsonObject{{"n", values.value("num_outputs")}})
                 .toJson(QJsonDocument::Compact),
             QByteArray(R"({"n":1})"));
}

void SchemaFormTest::numbersHaveRangesAndSliders() {
    auto* spin = qobject_cast<QDoubleSpinBox*>(m_form->editor("guidance_scale"));
    QCOMPARE(spin->minimum(), 1.0);
    QCOMPARE(spin->maximum(), 50.0);
    auto* slider = m_form->field("guidance_scale")->findChild<QSlider*>(QStringLiteral("slider"));
    QVERIFY(slider);
    slider->setValue(slider->maximum());
    QCOMPARE(m_form->values().value("guidance_scale").toDouble(), 50.0);
    spin->setValue(1.0);
    QCOMPARE(slider->value(), 0);
    // The spin box keeps values in range: out-of-range text is clamped, never sent.
    spin->setValue(99);
    QCOMPARE(m_form->values().value("guidance_scale").toDouble(), 50.0);
    // Integer range with slider.
    auto* outputs = qobject_cast<QDoubleSpinBox*>(m_form->editor("num_outputs"));
    QCOMPARE(outputs->decimals(), 0);
    QVERIFY(m_form->field("num_outputs")->findChild<QSlider*>(QStringLiteral("slider")));
    // Unbounded optional integer: no slider, starts "not set", sends an integer once set.
    QVERIFY(!m_form->field("seed")->findChild<QSlider*>(QStringLiteral("slider")));
    auto* seed = qobject_cast<QDoubleSpinBox*>(m_form->editor("seed"));
    QCOMPARE(seed->text(), QStringLiteral("not set"));
    seed->setValue(42);
    QCOMPARE(m_form->values().value("seed").toInteger(), 42);
    seed->setValue(seed->minimum());
    QVERIFY(!m_form->values().contains("seed"));
}

void SchemaFormTest::enumsResolveCogAllOfRef() {
    auto* scheduler = qobject_cast<QComboBox*>(m_form->editor("scheduler"));
    QCOMPARE(scheduler->count(), 3);
    QCOMPARE(scheduler->itemText(0), QStringLiteral("DDIM"));
    QCOMPARE(scheduler->currentText(), QStringLiteral("K_EULER"));
    scheduler->setCurrentIndex(2);
    QCOMPARE(m_form->values().value("scheduler").toString(), QStringLiteral("DPMSolverMultistep"));
    auto* width = qobject_cast<QComboBox*>(m_form->editor("width"));
    QCOMPARE(width->count(), 3);
    width->setCurrentIndex(2);
    QCOMPARE(m_form->values().value("width").toInt(), 1024);

    const QJsonObject resolved = json_schema::resolve(
        inputSchema(m_document).value("properties").toObject().value("scheduler").toObject(),
        m_document);
    QCOMPARE(resolved.value("default").toString(), QStringLiteral("K_EULER"));
    QCOMPARE(resolved.value("enum").toArray().size(), 3);
    QCOMPARE(resolved.value("x-order").toInt(), 3);
    QVERIFY(!resolved.contains("allOf"));
}

void SchemaFormTest::setValuesRoundTrips() {
    const QJsonObject input{{"prompt", "a cat\non two lines"},
                            {"image", "https://example.com/cat.png"},
                            {"width", 512},
                            {"scheduler", "DDIM"},
                            {"guidance_scale", 3.25},
                            {"num_outputs", 4},
                            {"seed", 7},
                            {"negative_prompt", "dogs"},
                            {"tags", QJsonArray{"a", "b"}},
                            {"watermark", false},
                            {"extra", QJsonObject{{"k", 1}}}};
    m_form->setValues(input);
    QCOMPARE(m_form->values(), input);
    m_form->resetToDefaults();
    QCOMPARE(m_form->values().value("width").toInt(), 768);
    QVERIFY(!m_form->values().contains("prompt"));
}

void SchemaFormTest::requiredFieldIsReportedBesideIt() {
    QVERIFY(!m_form->validateAndShow());
    QCOMPARE(m_form->fieldError("prompt"), QStringLiteral("prompt is required"));
    QVERIFY(!errorLabel(*m_form, "prompt")->isHidden());
    QVERIFY(m_form->formError().isEmpty());
    // Typing clears the message.
    qobject_cast<QPlainTextEdit*>(m_form->editor("prompt"))->setPlainText(QStringLiteral("hi"));
    QVERIFY(errorLabel(*m_form, "prompt")->isHidden());
    QVERIFY(m_form->validateAndShow());
}

void SchemaFormTest::validationMessagesMatchTheServers() {
    // The same wording as the platform (gojsonschema's), field by field.
    m_form->setValues({{"prompt", "x"}, {"negative_prompt", "no"}});
    auto errors = m_form->validate();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].field, QStringLiteral("negative_prompt"));
    QCOMPARE(errors[0].type, QStringLiteral("string_gte"));
    QCOMPARE(errors[0].message, QStringLiteral("String length must be greater than or equal to 3"));

    const QJsonObject input = inputSchema(m_document);
    auto check = [&](const QJsonObject& value) {
        return json_schema::validateObject(value, input, m_document);
    };
    auto e = check({{"prompt", "x"}, {"num_outputs", 5}});
    QCOMPARE(e.size(), 1);
    QCOMPARE(e[0].path, QStringLiteral("num_outputs"));
    QCOMPARE(e[0].type, QStringLiteral("number_lte"));
    QCOMPARE(e[0].description, QStringLiteral("Must be less than or equal to 4"));
    e = check({{"prompt", "x"}, {"guidance_scale", 0.5}});
    QCOMPARE(e[0].description, QStringLiteral("Must be greater than or equal to 1"));
    e = check({{"prompt", "x"}, {"scheduler", "nope"}});
    QCOMPARE(e[0].type, QStringLiteral("enum"));
    QCOMPARE(e[0].description, QStringLiteral("scheduler must be one of the following: \"DDIM\", "
                                              "\"K_EULER\", \"DPMSolverMultistep\""));
    e = check({{"prompt", 3}});
    QCOMPARE(e[0].description, QStringLiteral("Invalid type. Expected: string, given: integer"));
    e = check({{"prompt", "x"}, {"num_outputs", 1.5}});
    QCOMPARE(e[0].description, QStringLiteral("Invalid type. Expected: integer, given: number"));
    e = check({{"prompt", "x"}, {"image", "not a uri"}});
    QCOMPARE(e[0].description, QStringLiteral("Does not match format 'uri'"));
    e = check({{"prompt", "x"}, {"tags", QJsonArray{"a", 2}}});
    QCOMPARE(e[0].path, QStringLiteral("tags.1"));
    // A null counts as absent, so a required one is missing.
    e = check({{"prompt", QJsonValue::Null}});
    QCOMPARE(e[0].type, QStringLiteral("required"));
    QCOMPARE(e[0].path, QString());
    QCOMPARE(e[0].property, QStringLiteral("prompt"));
    QVERIFY(json_schema::isUri(QStringLiteral("data:image/png;base64,AAAA")));
    QVERIFY(json_schema::isUri(QStringLiteral("https://example.com/a%20b")));
    QVERIFY(!json_schema::isUri(QStringLiteral("https://exa mple.com/")));
    QVERIFY(!json_schema::isUri(QStringLiteral("https://example.com/%zz")));
}

void SchemaFormTest::serverErrorsShowBesideTheirFields() {
    m_form->setFieldError(QStringLiteral("num_outputs"),
                          QStringLiteral("Must be less than or equal to 4"));
    m_form->setFieldError(QString(), QStringLiteral("Additional property model is not allowed"));
    QCOMPARE(m_form->fieldError("num_outputs"), QStringLiteral("Must be less than or equal to 4"));
    QCOMPARE(m_form->formError(), QStringLiteral("Additional property model is not allowed"));
    m_form->clearErrors();
    QVERIFY(m_form->fieldError("num_outputs").isEmpty());
    QVERIFY(m_form->formError().isEmpty());
}

void SchemaFormTest::secretsAreMaskedAndNotKeptInHistory() {
    m_form->setValues({{"prompt", "p"}, {"api_key", "sk-secret"}});
    QCOMPARE(m_form->secretFields(), QStringList{"api_key"});
    QCOMPARE(m_form->values().value("api_key").toString(), QStringLiteral("sk-secret"));
    QVERIFY(!m_form->valuesForHistory().contains("api_key"));
    QCOMPARE(m_form->valuesForHistory().value("prompt").toString(), QStringLiteral("p"));
    auto* reveal = m_form->field("api_key")->findChild<QToolButton*>();
    QVERIFY(reveal);
    reveal->click();
    QCOMPARE(qobject_cast<QLineEdit*>(m_form->editor("api_key"))->echoMode(), QLineEdit::Normal);
}

void SchemaFormTest::filesBecomeDataUrisWithAPreview() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("red.png"));
    QImage image(8, 6, QImage::Format_RGB32);
    image.fill(Qt::red);
    QVERIFY(image.save(path));
    QWidget* field = m_form->field("image");
    bool loaded = false;
    QVERIFY(QMetaObject::invokeMethod(field, "loadFile", Q_RETURN_ARG(bool, loaded),
                                      Q_ARG(QString, path)));
    QVERIFY(loaded);
    const QString uri = m_form->values().value("image").toString();
    QVERIFY2(uri.startsWith(QLatin1String("data:image/png;base64,")), qPrintable(uri.left(40)));
    QImage decoded;
    QVERIFY(decoded.loadFromData(QByteArray::fromBase64(uri.section(',', 1).toLatin1())));
    QCOMPARE(decoded.size(), QSize(8, 6));
    auto* preview = field->findChild<QLabel*>(QStringLiteral("preview"));
    QVERIFY(preview && !preview->isHidden());
    QVERIFY(!preview->pixmap().isNull());
    QVERIFY(qobject_cast<QLineEdit*>(m_form->editor("image"))->text().contains("red.png"));

    // Clear, then drop a file on the field.
    field->findChild<QToolButton*>(QStringLiteral("clear"))->click();
    QVERIFY(!m_form->values().contains("image"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(field, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(field, &drop);
    QVERIFY(m_form->values().value("image").toString().startsWith(QLatin1String("data:image/png")));

    // A URL typed in is sent as is; a missing file is explained, not sent.
    m_form->setValues({{"image", "https://example.com/x.jpg"}});
    QCOMPARE(m_form->values().value("image").toString(),
             QStringLiteral("https://example.com/x.jpg"));
    QVERIFY(QMetaObject::invokeMethod(field, "loadFile", Q_RETURN_ARG(bool, loaded),
                                      Q_ARG(QString, dir.filePath("missing.png"))));
    QVERIFY(!loaded);
    m_form->setValues({{"prompt", "p"}});
    QVERIFY(!m_form->validateAndShow());
    QVERIFY(m_form->fieldError("image").startsWith(QLatin1String("Cannot read missing.png")));
}

void SchemaFormTest::arraysAddAndRemoveItems() {
    auto* add = m_form->field("tags")->findChild<QPushButton*>(QStringLiteral("addItem"));
    add->click();
    add->click();
    auto editors = m_form->field("tags")->findChildren<QLineEdit*>(QStringLiteral("editor"));
    QCOMPARE(editors.size(), 2);
    editors[0]->setText(QStringLiteral("one"));
    editors[1]->setText(QStringLiteral("two"));
    QCOMPARE(m_form->values().value("tags").toArray(), QJsonArray({"one", "two"}));
    auto removes = m_form->field("tags")->findChildren<QToolButton*>(QStringLiteral("removeItem"));
    QCOMPARE(removes.size(), 2);
    removes[0]->click();
    QCOMPARE(m_form->values().value("tags").toArray(), QJsonArray({"two"}));
}

void SchemaFormTest::jsonFieldReportsMalformedText() {
    m_form->setValues({{"prompt", "p"}});
    auto* extra = qobject_cast<QPlainTextEdit*>(m_form->editor("extra"));
    extra->setPlainText(QStringLiteral("{\"a\": 1"));
    QVERIFY(!m_form->validateAndShow());
    QCOMPARE(m_form->fieldError("extra"), QStringLiteral("Not valid JSON"));
    extra->setPlainText(QStringLiteral("{\"a\": [1, 2]}"));
    QVERIFY(m_form->validateAndShow());
    QCOMPARE(m_form->values().value("extra").toObject().value("a").toArray().size(), 2);
    extra->setPlainText(QStringLiteral("[1]"));
    QVERIFY(!m_form->validateAndShow());
    QCOMPARE(m_form->fieldError("extra"),
             QStringLiteral("Invalid type. Expected: object, given: array"));
}

void SchemaFormTest::emptySchemaSaysSo() {
    SchemaForm form;
    form.setSchema(QJsonObject{{"type", "object"}, {"properties", QJsonObject{}}});
    QVERIFY(form.fieldNames().isEmpty());
    QVERIFY(form.values().isEmpty());
    QVERIFY(form.validate().isEmpty());
}

void SchemaFormTest::ctrlEnterAsksToSubmit() {
    m_form->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_form.get()));
    QSignalSpy submit(m_form.get(), &SchemaForm::submitRequested);
    m_form->editor("prompt")->setFocus();
    QTest::keyClick(m_form->editor("prompt"), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(submit.count(), 1);
}

QTEST_MAIN(SchemaFormTest)
#include "test_schema_form.moc"
