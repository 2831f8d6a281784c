// Input validation against Cog OpenAPI schemas, as the real platform reports it.
#include <QtTest>

#include <boost/json.hpp>

#include <string>

#include "core/input_validation.h"

using namespace replicant::backend;
namespace json = boost::json;

class InputValidationTest : public QObject {
    Q_OBJECT

private slots:
    // ---- the real examples of replicate-api.md §2.5, byte for byte ----
    void realRequiredAndMaximum();
    void realEnum();
    void realBodyMembers();

    // ---- defaults, unknown members, nulls ----
    void defaultsFollowCallerKeysInXOrder();
    void defaultsDoNotLeakBetweenCalls();
    void unknownMembersDropped();
    void nullCountsAsAbsent();
    void nullableStillTypeChecked();
    void nullInsideArrayIsATypeError();

    // ---- schemas that declare nothing ----
    void noInputSchemaAcceptsAnything();
    void emptyPropertiesDropsEverything();
    void inputSchemaThroughRef();

    // ---- error order ----
    void requiredFirstThenXOrder();
    void kitchenSinkAllErrorsInXOrder();

    // ---- types ----
    void types_data();
    void types();
    void typeLists();

    // ---- numbers ----
    void bounds_data();
    void bounds();

    // ---- enums ----
    void enums();
    void enumValuesPrintedAsJson();
    void chainedAndBrokenRefs();
    void refPointerEscapes();

    // ---- strings ----
    void stringLengths();
    void pattern();

    // ---- format: uri ----
    void uris_data();
    void uris();

    // ---- arrays and nested objects ----
    void arrays();
    void nestedObjects();
    void anyOf();

    // ---- the remaining reference schemas, and error formatting ----
    void complexInputFixture();
    void validationErrorDetailLines();
};

// moc (Qt 6.4) lexes raw string literals as ordinary ones and loses its place inside them, so it
// is shown only the declarations above.
#ifndef Q_MOC_RUN

namespace {

// reference/cog-schemas/openapi-kitchen_sink.json (cog 0.16.12), Input and its enum components,
// with titles and descriptions trimmed. The properties are shuffled out of x-order on purpose.
constexpr const char* kKitchenSink = R"({"components":{"schemas":{
 "Input":{"title":"Input","required":["prompt"],"type":"object","properties":{
  "guidance":{"maximum":20,"minimum":0,"type":"number","default":7.5,"x-order":4},
  "prompt":{"type":"string","x-order":0},
  "image":{"type":"string","format":"uri","x-order":1},
  "seed":{"type":"integer","x-order":2,"nullable":true},
  "steps":{"maximum":100,"minimum":1,"type":"integer","default":20,"x-order":3},
  "scheduler":{"allOf":[{"$ref":"#/components/schemas/scheduler"}],"default":"DDIM","x-order":5},
  "num_outputs":{"allOf":[{"$ref":"#/components/schemas/num_outputs"}],"default":1,"x-order":6},
  "mode":{"enum":["fast","quality"],"type":"string","default":"fast","x-order":7},
  "negative_prompt":{"maxLength":200,"type":"string","default":"","x-order":8},
  "api_key":{"type":"string","format":"password","x-order":9,"x-cog-secret":true},
  "tags":{"type":"array","items":{"type":"string"},"default":[],"x-order":10},
  "enable_safety":{"type":"boolean","default":true,"x-order":11},
  "legacy_file":{"type":"string","format":"uri","x-order":12}}},
 "scheduler":{"title":"scheduler","enum":["DDIM","K_EULER","PNDM"],"type":"string"},
 "num_outputs":{"title":"num_outputs","enum":[1,2,4],"type":"integer"}}}})";

// The parts of black-forest-labs/flux-schnell's schema (reference/sample-model-record-flux-
// schnell.json) that the real §2.5 examples exercise; output_format narrowed to the example's enum.
constexpr const char* kFlux = R"({"components":{"schemas":{
 "Input":{"type":"object","title":"Input","required":["prompt"],"properties":{
  "seed":{"type":"integer","title":"Seed","x-order":4},
  "prompt":{"type":"string","title":"Prompt","x-order":0},
  "num_inference_steps":{"type":"integer","default":4,"maximum":4,"minimum":1,"x-order":3},
  "output_format":{"allOf":[{"$ref":"#/components/schemas/output_format"}],"default":"png",
                   "x-order":5}}},
 "output_format":{"enum":["jpg","png"],"type":"string","title":"output_format"}}}})";

// The three real 422 bodies of replicate-api.md §2.5, verbatim.
constexpr const char* kRealRequiredAndMaximum =
    R"({"detail":"- input: prompt is required\n- input.num_inference_steps: )"
    R"(Must be less than or equal to 4\n","status":422,"title":"Input )"
    R"(validation failed","invalid_fields":[{"type":"required","field":"input",)"
    R"("description":"prompt is required"},{"type":"number_lte","field":)"
    R"("input.num_inference_steps","description":"Must be less than or equal )"
    R"(to 4"}]})";
constexpr const char* kRealEnum =
    R"({"detail":"- input.output_format: output_format must be one of the )"
    R"(following: \"jpg\", \"png\"\n","status":422,"title":"Input validation )"
    R"(failed","invalid_fields":[{"type":"enum","field":"input.output_format",)"
    R"("description":"output_format must be one of the following: \"jpg\", )"
    R"(\"png\""}]})";
constexpr const char* kRealBodyMembers =
    R"({"detail":"- version is required\n- Additional property model is not )"
    R"(allowed\n","status":422,"title":"Input validation failed",)"
    R"("invalid_fields":[{"type":"required","field":"","description":"version )"
    R"(is required"},{"type":"additional_property_not_allowed","field":"",)"
    R"("description":"Additional property model is not allowed"}]})";

json::object parseObject(const char* text) {
    return json::parse(text).as_object();
}

// Wraps a bare Input schema (plus optional extra components) into an OpenAPI document.
json::object documentWith(const char* input, const char* extraComponents = "") {
    std::string text =
        std::string(R"({"components":{"schemas":{"Input":)") + input + extraComponents + "}}}";
    return json::parse(text).as_object();
}

// The problem+json body in the key order of the real examples in replicate-api.md §2.5.
std::string problemBody(const Error& error) {
    json::array fields;
    for (const auto& f : error.invalidFields)
        fields.push_back({{"type", f.type}, {"field", f.field}, {"description", f.description}});
    json::object body;
    body["detail"] = error.detail;
    body["status"] = 422;
    body["title"] = error.title;
    body["invalid_fields"] = std::move(fields);
    return json::serialize(body);
}

core::InputCheck check(const json::object& schema, const char* input) {
    return core::validateInput(schema, parseObject(input));
}

// One error, compared as "type|field|description" so a failure shows all three.
QString only(const core::InputCheck& result) {
    if (result.errors.size() != 1)
        return QStringLiteral("%1 errors").arg(result.errors.size());
    const auto& e = result.errors.front();
    return QString::fromStdString(e.type + "|" + e.field + "|" + e.description);
}

QString keys(const json::object& o) {
    QStringList names;
    for (const auto& member : o)
        names << QString::fromStdString(std::string(member.key()));
    return names.join(',');
}

}  // namespace

void InputValidationTest::realRequiredAndMaximum() {
    auto result = check(parseObject(kFlux), R"({"num_inference_steps":5})");
    QVERIFY(!result.ok());
    auto error = core::validationError(result.errors);
    QCOMPARE(error.code, ErrorCode::Unprocessable);
    QCOMPARE(QString::fromStdString(problemBody(error)),
             QString::fromUtf8(kRealRequiredAndMaximum));
}

void InputValidationTest::realEnum() {
    auto result = check(parseObject(kFlux), R"({"prompt":"a cat","output_format":"webp"})");
    QCOMPARE(QString::fromStdString(problemBody(core::validationError(result.errors))),
             QString::fromUtf8(kRealEnum));
}

void InputValidationTest::realBodyMembers() {
    auto body = parseObject(R"({"model":"x","input":{}})");
    auto errors = core::validateBodyMembers(body, {"version", "input"}, {"version", "input"});
    QCOMPARE(QString::fromStdString(problemBody(core::validationError(errors))),
             QString::fromUtf8(kRealBodyMembers));
}

void InputValidationTest::defaultsFollowCallerKeysInXOrder() {
    auto result = check(parseObject(kKitchenSink), R"({"tags":["a"],"prompt":"p","steps":3})");
    QVERIFY(result.ok());
    QCOMPARE(keys(result.input), QStringLiteral("tags,prompt,steps,guidance,scheduler,"
                                                "num_outputs,mode,negative_prompt,"
                                                "enable_safety"));
    QCOMPARE(result.input.at("steps").as_int64(), std::int64_t{3});
    QCOMPARE(result.input.at("guidance").as_double(), 7.5);
    QVERIFY(result.input.at("scheduler").as_string() == "DDIM");
    QVERIFY(result.input.at("enable_safety").as_bool());
    QVERIFY(result.input.at("negative_prompt").as_string().empty());
    QVERIFY(result.input.at("tags").as_array().size() == 1);
}

void InputValidationTest::defaultsDoNotLeakBetweenCalls() {
    auto schema = parseObject(kKitchenSink);
    auto first = check(schema, R"({"prompt":"p"})");
    first.input["tags"].as_array().push_back(1);
    auto second = check(schema, R"({"prompt":"p"})");
    QVERIFY(second.input.at("tags").as_array().empty());
}

// cog-protocol.md §3: unknown input keys are silently dropped by both Cog servers.
void InputValidationTest::unknownMembersDropped() {
    auto result = check(parseObject(kKitchenSink), R"({"bogus":1,"prompt":"p","Prompt":2})");
    QVERIFY(result.ok());
    QVERIFY(!result.input.contains("bogus"));
    QVERIFY(!result.input.contains("Prompt"));
    QVERIFY(result.input.begin()->key() == "prompt");
}

void InputValidationTest::nullCountsAsAbsent() {
    auto schema = parseObject(kKitchenSink);
    auto result = check(schema, R"({"prompt":"p","seed":null,"steps":null,"image":null})");
    QVERIFY(result.ok());
    QVERIFY(!result.input.contains("seed"));
    QVERIFY(!result.input.contains("image"));
    QCOMPARE(result.input.at("steps").as_int64(), std::int64_t{20});
    QCOMPARE(only(check(schema, R"({"prompt":null})")),
             QStringLiteral("required|input|prompt is required"));
}

void InputValidationTest::nullableStillTypeChecked() {
    QCOMPARE(only(check(parseObject(kKitchenSink), R"({"prompt":"p","seed":"42"})")),
             QStringLiteral("invalid_type|input.seed|Invalid type. Expected: integer, given: "
                            "string"));
}

void InputValidationTest::nullInsideArrayIsATypeError() {
    QCOMPARE(only(check(parseObject(kKitchenSink), R"({"prompt":"p","tags":["a",null]})")),
             QStringLiteral("invalid_type|input.tags.1|Invalid type. Expected: string, "
                            "given: null"));
}

void InputValidationTest::noInputSchemaAcceptsAnything() {
    auto input = R"({"anything":[1,2],"x":null})";
    for (const char* doc : {R"({})", R"({"components":{"schemas":{}}})",
                            R"({"components":{"schemas":{"Input":{}}}})"}) {
        auto result = check(parseObject(doc), input);
        QVERIFY(result.ok());
        QVERIFY(result.input == parseObject(input));
    }
}

// A predict() without parameters (reference/cog-schemas/openapi-yield_strings.json).
void InputValidationTest::emptyPropertiesDropsEverything() {
    auto doc = documentWith(R"({"title":"Input","type":"object","properties":{}})");
    auto result = check(doc, R"({"text":"x"})");
    QVERIFY(result.ok());
    QVERIFY(result.input.empty());
}

void InputValidationTest::inputSchemaThroughRef() {
    auto doc = documentWith(R"({"$ref":"#/components/schemas/Real"})",
                            R"(,"Real":{"required":["a"],"properties":{"a":{"type":"string"}}})");
    QCOMPARE(only(check(doc, "{}")), QStringLiteral("required|input|a is required"));
}

void InputValidationTest::requiredFirstThenXOrder() {
    auto doc = documentWith(R"({"required":["z","a"],"properties":{
        "late":{"type":"integer","x-order":2},"z":{"type":"string","x-order":3},
        "early":{"type":"integer","x-order":0},"a":{"type":"string","x-order":1}}})");
    auto result = check(doc, R"({"late":"x","early":"y"})");
    QCOMPARE(result.errors.size(), std::size_t{4});
    QCOMPARE(QString::fromStdString(core::validationError(result.errors).detail),
             QStringLiteral("- input: z is required\n"
                            "- input: a is required\n"
                            "- input.early: Invalid type. Expected: integer, given: string\n"
                            "- input.late: Invalid type. Expected: integer, given: string\n"));
}

void InputValidationTest::kitchenSinkAllErrorsInXOrder() {
    auto result = check(parseObject(kKitchenSink), R"({"legacy_file":"nope","steps":0,
        "image":"x y","guidance":21,"scheduler":"X","num_outputs":3,"mode":"slow",
        "api_key":5,"enable_safety":"yes","tags":"a"})");
    QStringList fields;
    for (const auto& e : result.errors)
        fields << QString::fromStdString(e.type + " " + e.field);
    QCOMPARE(fields, QStringList({"required input", "format input.image", "number_gte input.steps",
                                  "number_lte input.guidance", "enum input.scheduler",
                                  "enum input.num_outputs", "enum input.mode",
                                  "invalid_type input.api_key", "invalid_type input.tags",
                                  "invalid_type input.enable_safety", "format input.legacy_file"}));
}

void InputValidationTest::types_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const QString ok;
    QTest::newRow("integer") << R"({"steps":4})" << ok;
    QTest::newRow("integral double is integer") << R"({"steps":4.0})" << ok;
    QTest::newRow("fraction is not integer")
        << R"({"steps":4.5})"
        << "invalid_type|input.steps|Invalid type. Expected: integer, given: number";
    QTest::newRow("string for integer")
        << R"({"steps":"4"})"
        << "invalid_type|input.steps|Invalid type. Expected: integer, given: string";
    QTest::newRow("integer for number") << R"({"guidance":3})" << ok;
    QTest::newRow("bool for number")
        << R"({"guidance":true})"
        << "invalid_type|input.guidance|Invalid type. Expected: number, given: boolean";
    QTest::newRow("integer for string")
        << R"({"negative_prompt":1})"
        << "invalid_type|input.negative_prompt|Invalid type. Expected: string, given: integer";
    QTest::newRow("object for string")
        << R"({"negative_prompt":{}})"
        << "invalid_type|input.negative_prompt|Invalid type. Expected: string, given: object";
    QTest::newRow("string for boolean")
        << R"({"enable_safety":"true"})"
        << "invalid_type|input.enable_safety|Invalid type. Expected: boolean, given: string";
    QTest::newRow("array for string")
        << R"({"api_key":["k"]})"
        << "invalid_type|input.api_key|Invalid type. Expected: string, given: array";
    QTest::newRow("secret is a plain string") << R"({"api_key":"sk-123"})" << ok;
    QTest::newRow("string for array")
        << R"({"tags":"a"})"
        << "invalid_type|input.tags|Invalid type. Expected: array, given: string";
    QTest::newRow("array item type")
        << R"({"tags":["a",2.5]})"
        << "invalid_type|input.tags.1|Invalid type. Expected: string, given: number";
    // The type of the $ref'd enum component is checked before the enum itself.
    QTest::newRow("wrong type for enum")
        << R"({"scheduler":5})"
        << "invalid_type|input.scheduler|Invalid type. Expected: string, given: integer";
}

void InputValidationTest::types() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    auto doc = parseObject(kKitchenSink);
    auto withPrompt = json::parse(input.toStdString()).as_object();
    withPrompt["prompt"] = "p";
    auto result = core::validateInput(doc, withPrompt);
    QCOMPARE(result.errors.empty() ? QString() : only(result), expected);
}

void InputValidationTest::typeLists() {
    auto doc = documentWith(R"({"properties":{"v":{"type":["string","integer"]}}})");
    QVERIFY(check(doc, R"({"v":"a"})").ok());
    QVERIFY(check(doc, R"({"v":3})").ok());
    QCOMPARE(only(check(doc, R"({"v":false})")),
             QStringLiteral("invalid_type|input.v|Invalid type. Expected: [string,integer], "
                            "given: boolean"));
}

void InputValidationTest::bounds_data() {
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    const QString ok;
    QTest::newRow("max ok") << R"({"type":"integer","maximum":4})"
                            << "4" << ok;
    QTest::newRow("max") << R"({"type":"integer","maximum":4})"
                         << "5"
                         << "number_lte|input.v|Must be less than or equal to 4";
    QTest::newRow("min ok") << R"({"type":"number","minimum":0})"
                            << "0" << ok;
    QTest::newRow("min fraction") << R"({"type":"number","minimum":0.5})"
                                  << "0.25"
                                  << "number_gte|input.v|Must be greater than or equal to 0.5";
    QTest::newRow("negative min") << R"({"type":"integer","minimum":-10})"
                                  << "-11"
                                  << "number_gte|input.v|Must be greater than or equal to -10";
    QTest::newRow("large max") << R"({"type":"integer","maximum":4294967295})"
                               << "4294967296"
                               << "number_lte|input.v|Must be less than or equal to 4294967295";
    QTest::newRow("exclusive max (number)") << R"({"type":"number","exclusiveMaximum":1})"
                                            << "1"
                                            << "number_lt|input.v|Must be less than 1";
    QTest::newRow("exclusive min (number)") << R"({"type":"number","exclusiveMinimum":0})"
                                            << "0"
                                            << "number_gt|input.v|Must be greater than 0";
    QTest::newRow("exclusive min ok") << R"({"type":"number","exclusiveMinimum":0})"
                                      << "0.001" << ok;
    QTest::newRow("exclusive max (boolean)")
        << R"({"type":"number","maximum":2,"exclusiveMaximum":true})"
        << "2"
        << "number_lt|input.v|Must be less than 2";
    QTest::newRow("exclusive min (boolean)")
        << R"({"type":"number","minimum":2,"exclusiveMinimum":true})"
        << "2"
        << "number_gt|input.v|Must be greater than 2";
    QTest::newRow("multipleOf") << R"({"type":"number","multipleOf":0.5})"
                                << "1.25"
                                << "multiple_of|input.v|Must be a multiple of 0.5";
    QTest::newRow("multipleOf ok") << R"({"type":"number","multipleOf":0.1})"
                                   << "0.3" << ok;
}

void InputValidationTest::bounds() {
    QFETCH(QString, schema);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    auto doc = documentWith(("{\"properties\":{\"v\":" + schema + "}}").toUtf8().constData());
    auto result = check(doc, ("{\"v\":" + value + "}").toUtf8().constData());
    QCOMPARE(result.errors.empty() ? QString() : only(result), expected);
}

void InputValidationTest::enums() {
    auto doc = parseObject(kKitchenSink);
    QCOMPARE(only(check(doc, R"({"prompt":"p","num_outputs":3})")),
             QStringLiteral("enum|input.num_outputs|num_outputs must be one of the "
                            "following: 1, 2, 4"));
    QCOMPARE(only(check(doc, R"({"prompt":"p","mode":"slow"})")),
             QStringLiteral("enum|input.mode|mode must be one of the following: \"fast\", "
                            "\"quality\""));
    QVERIFY(check(doc, R"({"prompt":"p","num_outputs":2.0,"mode":"quality"})").ok());
    QCOMPARE(only(check(doc, R"({"prompt":"p","scheduler":"ddim"})")),
             QStringLiteral("enum|input.scheduler|scheduler must be one of the following: "
                            "\"DDIM\", \"K_EULER\", \"PNDM\""));
}

// flux-schnell's megapixels: string values that look like numbers, and a fractional one.
void InputValidationTest::enumValuesPrintedAsJson() {
    auto doc = documentWith(R"({"properties":{"m":{"enum":["1","0.25"],"type":"string"},
                               "f":{"enum":[0.25,1.5]}}})");
    QCOMPARE(only(check(doc, R"({"m":"2"})")),
             QStringLiteral("enum|input.m|m must be one of the following: \"1\", \"0.25\""));
    QCOMPARE(only(check(doc, R"({"f":2})")),
             QStringLiteral("enum|input.f|f must be one of the following: 0.25, 1.5"));
}

void InputValidationTest::chainedAndBrokenRefs() {
    auto doc = documentWith(
        R"({"properties":{"a":{"allOf":[{"$ref":"#/components/schemas/hop"}]},
                          "b":{"$ref":"#/components/schemas/missing"},
                          "c":{"$ref":"#/components/schemas/loop"}}})",
        R"(,"hop":{"$ref":"#/components/schemas/choice"},
           "choice":{"enum":["x"],"type":"string"},
           "loop":{"$ref":"#/components/schemas/loop"})");
    QCOMPARE(only(check(doc, R"({"a":"y","b":1,"c":2})")),
             QStringLiteral("enum|input.a|a must be one of the following: \"x\""));
}

// JSON pointer escapes: "~1" is "/", "~0" is "~".
void InputValidationTest::refPointerEscapes() {
    auto doc = documentWith(R"({"properties":{"d":{"$ref":"#/components/schemas/a~1b~01"}}})",
                            R"(,"a/b~1":{"type":"integer"})");
    QCOMPARE(only(check(doc, R"({"d":"x"})")),
             QStringLiteral("invalid_type|input.d|Invalid type. Expected: integer, given: string"));
}

void InputValidationTest::stringLengths() {
    auto doc =
        documentWith(R"({"properties":{"s":{"type":"string","minLength":2,"maxLength":3}}})");
    QVERIFY(check(doc, R"({"s":"ééé"})").ok());  // characters, not bytes
    QCOMPARE(only(check(doc, R"({"s":"é"})")),
             QStringLiteral("string_gte|input.s|String length must be greater than or equal "
                            "to 2"));
    QCOMPARE(only(check(doc, R"({"s":"abcd"})")),
             QStringLiteral("string_lte|input.s|String length must be less than or equal to "
                            "3"));
    std::string longPrompt(201, 'x');
    auto sink = parseObject(kKitchenSink);
    auto input = parseObject(R"({"prompt":"p"})");
    input["negative_prompt"] = longPrompt;
    QCOMPARE(only(core::validateInput(sink, input)),
             QStringLiteral("string_lte|input.negative_prompt|String length must be less "
                            "than or equal to 200"));
}

void InputValidationTest::pattern() {
    // "(?P<x>a)" is RE2 syntax that std::regex rejects: such a pattern constrains nothing.
    auto doc = documentWith(R"json({"properties":{"s":{"type":"string","pattern":"^[a-z]+$"},
        "t":{"type":"string","pattern":"\\d"},
        "bad":{"type":"string","pattern":"(?P<x>a)"}}})json");
    QVERIFY(check(doc, R"({"s":"abc","t":"a1b","bad":"zzz"})").ok());
    QCOMPARE(only(check(doc, R"({"t":"abc"})")),
             QStringLiteral("pattern|input.t|Does not match pattern '\\d'"));
    QCOMPARE(only(check(doc, R"({"s":"aB"})")),
             QStringLiteral("pattern|input.s|Does not match pattern '^[a-z]+$'"));
}

void InputValidationTest::uris_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::newRow("https") << "https://replicate.delivery/pbxt/abc/out-0.png" << true;
    QTest::newRow("http with port") << "http://127.0.0.1:5200/files/input.txt" << true;
    QTest::newRow("query and fragment") << "https://x.test/a?b=%zz&c=d#e" << true;
    QTest::newRow("data") << "data:text/plain;base64,aGVsbG8gd29ybGQ=" << true;
    QTest::newRow("data percent") << "data:,Hello%2C%20World" << true;
    QTest::newRow("other scheme") << "s3://bucket/key.png" << true;
    QTest::newRow("opaque") << "mailto:someone@example.com" << true;
    QTest::newRow("ipv6") << "http://[::1]:8080/x" << true;
    QTest::newRow("userinfo") << "ftp://user:pw@host/x" << true;
    QTest::newRow("words") << "not a url" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("absolute path") << "/tmp/image.png" << false;
    QTest::newRow("no scheme") << "example.com/image.png" << false;
    QTest::newRow("leading colon") << ":foo" << false;
    QTest::newRow("digit scheme") << "1http://x" << false;
    QTest::newRow("space in host") << "http://exa mple.com/" << false;
    QTest::newRow("bad escape") << "https://x.test/a%zzb" << false;
    QTest::newRow("truncated escape") << "https://x.test/a%2" << false;
    QTest::newRow("bad port") << "http://x.test:80a/" << false;
    QTest::newRow("control char") << "https://x.test/a\tb" << false;
}

void InputValidationTest::uris() {
    QFETCH(QString, value);
    QFETCH(bool, valid);
    auto doc = parseObject(kKitchenSink);
    auto input = parseObject(R"({"prompt":"p"})");
    input["image"] = value.toStdString();
    auto result = core::validateInput(doc, input);
    QCOMPARE(result.ok(), valid);
    if (!valid)
        QCOMPARE(only(result), QStringLiteral("format|input.image|Does not match format 'uri'"));
}

void InputValidationTest::arrays() {
    auto doc = documentWith(R"({"properties":{"files":{"type":"array","minItems":1,
        "maxItems":2,"items":{"type":"string","format":"uri"}},
        "modes":{"type":"array","items":{"$ref":"#/components/schemas/m"}}}})",
                            R"(,"m":{"enum":["a","b"],"type":"string"})");
    QVERIFY(check(doc, R"({"files":["https://x.test/1"],"modes":["a","b","a"]})").ok());
    QCOMPARE(only(check(doc, R"({"files":[]})")),
             QStringLiteral("array_min_items|input.files|Array must have at least 1 items"));
    QCOMPARE(only(check(doc, R"({"files":["a:1","b:2","c:3"]})")),
             QStringLiteral("array_max_items|input.files|Array must have at most 2 items"));
    QCOMPARE(only(check(doc, R"({"files":["nope"]})")),
             QStringLiteral("format|input.files.0|Does not match format 'uri'"));
    QCOMPARE(only(check(doc, R"({"modes":["a","c"]})")),
             QStringLiteral("enum|input.modes.1|modes.1 must be one of the following: "
                            "\"a\", \"b\""));
}

// A `dict` parameter whose schema declares properties.
void InputValidationTest::nestedObjects() {
    auto doc = documentWith(R"({"properties":{"opts":{"type":"object","required":["k"],
        "additionalProperties":false,"properties":{"k":{"type":"integer","maximum":3}}},
        "free":{"type":"object"}}})");
    QVERIFY(check(doc, R"({"opts":{"k":3},"free":{"anything":[1]}})").ok());
    auto result = check(doc, R"({"opts":{"k":9,"extra":1}})");
    QStringList lines;
    for (const auto& e : result.errors)
        lines << QString::fromStdString(e.type + "|" + e.field + "|" + e.description);
    QCOMPARE(lines, QStringList({"number_lte|input.opts.k|Must be less than or equal to 3",
                                 "additional_property_not_allowed|input.opts|Additional "
                                 "property extra is not allowed"}));
    QCOMPARE(only(check(doc, R"({"opts":{}})")),
             QStringLiteral("required|input.opts|k is required"));
}

void InputValidationTest::anyOf() {
    auto doc = documentWith(
        R"({"properties":{"u":{"anyOf":[{"type":"string"},{"type":"integer","minimum":0}]}}})");
    QVERIFY(check(doc, R"({"u":"a"})").ok());
    QVERIFY(check(doc, R"({"u":2})").ok());
    QCOMPARE(only(check(doc, R"({"u":-1})")),
             QStringLiteral("number_any_of|input.u|Must validate at least one schema (anyOf)"));
}

// reference/cog-schemas/openapi-openapi_complex_input.json, trimmed.
void InputValidationTest::complexInputFixture() {
    auto doc = documentWith(
        R"({"required":["no_default","path","image","choices","int_choices"],"properties":{
        "no_default":{"type":"string","x-order":0},
        "default_without_input":{"type":"string","default":"default","x-order":1},
        "input_with_default":{"type":"integer","default":-10,"x-order":2},
        "path":{"type":"string","format":"uri","x-order":3},
        "image":{"type":"string","format":"uri","x-order":4},
        "choices":{"allOf":[{"$ref":"#/components/schemas/choices"}],"x-order":5},
        "int_choices":{"allOf":[{"$ref":"#/components/schemas/int_choices"}],"x-order":6},
        "optional_str":{"type":"string","x-order":7,"nullable":true}}})",
        R"(,"choices":{"enum":["foo","bar"],"type":"string"},
           "int_choices":{"enum":[3,4,5],"type":"integer"})");
    auto missing = check(doc, R"({"choices":"foo"})");
    QCOMPARE(QString::fromStdString(core::validationError(missing.errors).detail),
             QStringLiteral("- input: no_default is required\n- input: path is required\n"
                            "- input: image is required\n- input: int_choices is required\n"));
    auto result = check(doc, R"({"int_choices":4,"no_default":"x","choices":"bar",
        "path":"data:text/plain;base64,aGk=","image":"https://x.test/i.png",
        "optional_str":null})");
    QVERIFY(result.ok());
    QCOMPARE(keys(result.input), QStringLiteral("int_choices,no_default,choices,path,image,"
                                                "default_without_input,input_with_default"));
    QCOMPARE(result.input.at("input_with_default").as_int64(), std::int64_t{-10});
}

void InputValidationTest::validationErrorDetailLines() {
    auto error = core::validationError({{"required", "", "version is required"},
                                        {"enum", "input.x", "x must be one of the following: 1"}});
    QCOMPARE(QString::fromStdString(error.title), QStringLiteral("Input validation failed"));
    QCOMPARE(QString::fromStdString(error.detail),
             QStringLiteral("- version is required\n- input.x: x must be one of the "
                            "following: 1\n"));
    QCOMPARE(error.invalidFields.size(), std::size_t{2});
}

#endif  // Q_MOC_RUN

QTEST_GUILESS_MAIN(InputValidationTest)
#include "test_input_validation.moc"
