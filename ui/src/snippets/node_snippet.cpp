#include <QRegularExpression>

#include "snippet_parts.h"

// Node.js with the official `replicate` npm client (1.x): `new Replicate({auth, baseUrl})`,
// whose baseUrl includes /v1; `run()` resolves to the output, files as FileOutput streams
// (url(), and writable with fs.writeFile).
namespace replicant::ui::snippets::parts {

namespace {
QString key(const QString& name) {
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    return identifier.match(name).hasMatch() ? name : quoted(name);
}

QString inputBlock(const Request& request) {
    const QVector<Input> all = inputs(request);
    if (all.isEmpty())
        return QStringLiteral("const input = {};\n");
    QString out = QStringLiteral("const input = {\n");
    for (const Input& input : all) {
        out += commentLines(QStringLiteral("  // "), input.comment(Syntax::JavaScript));
        const QString value = input.envVar.isEmpty()
                                  ? literal(input.value, Syntax::JavaScript)
                                  : QStringLiteral("process.env.") + input.envVar;
        out += (input.set ? QStringLiteral("  ") : QStringLiteral("  // ")) + key(input.name) +
               QLatin1String(": ") + value + QLatin1String(",\n");
    }
    return out + QStringLiteral("};\n");
}

QString outputBlock(OutputKind kind) {
    switch (kind) {
        case OutputKind::Text:
            return QStringLiteral("console.log(output);\n");
        case OutputKind::TextParts:
            return QStringLiteral("console.log(output.join(\"\"));\n");
        case OutputKind::File:
            return QStringLiteral("await save(output, \"output\");\n");
        case OutputKind::Files:
            return QStringLiteral(
                "for (const [index, file] of output.entries()) {\n"
                "  await save(file, `output-${index}`);\n"
                "}\n");
        case OutputKind::Json:
            break;
    }
    return QStringLiteral("console.log(JSON.stringify(output, null, 2));\n");
}
// Saves a file output in the current directory. The client hands https: and data: URLs over as
// FileOutput streams, other URLs (a local server's http:) as strings.
const char* const kSave =
    "\n"
    "// Saves a file output: a FileOutput (https: and data: URLs) or a plain URL (http:).\n"
    "async function save(file, name) {\n"
    "  const url = typeof file === \"string\" ? new URL(file) : file.url();\n"
    "  const path = name + extname(url.pathname);\n"
    "  let body = file;\n"
    "  if (typeof file === \"string\") {\n"
    "    const response = await fetch(url);\n"
    "    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);\n"
    "    body = response.body;\n"
    "  }\n"
    "  await writeFile(path, body);\n"
    "  console.log(`Saved ${path}`);\n"
    "}\n";
}  // namespace

QString node(const Request& request) {
    const OutputKind kind = outputKind(request);
    const bool files = kind == OutputKind::File || kind == OutputKind::Files;
    QString out;
    out += QStringLiteral("// Runs %1 with the official `replicate` client for Node.js.\n")
               .arg(request.model);
    out += QStringLiteral(
        "// Save as run.mjs, then: npm install replicate\n"
        "//   REPLICATE_API_TOKEN=<your token> node run.mjs\n");
    if (files)
        out += QStringLiteral(
            "import { writeFile } from \"node:fs/promises\";\n"
            "import { extname } from \"node:path\";\n");
    out += QStringLiteral("import Replicate from \"replicate\";\n\n");
    out += QStringLiteral("const replicate = new Replicate({\n");
    out += QStringLiteral("  auth: process.env.REPLICATE_API_TOKEN,\n");
    if (!isReplicateApi(request.baseUrl))
        out += QStringLiteral("  baseUrl: %1,\n").arg(quoted(root(request) + QLatin1String("/v1")));
    out += QStringLiteral("});\n\n");
    out += inputBlock(request);
    const QString run = QStringLiteral("const output = await replicate.run(%1, { input });")
                            .arg(quoted(identifier(request)));
    if (run.size() <= kWidth)
        out += QLatin1Char('\n') + run + QLatin1Char('\n');
    else  // a pinned version makes it long
        out += QStringLiteral("\nconst output = await replicate.run(\n  %1,\n  { input },\n);\n")
                   .arg(quoted(identifier(request)));
    out += outputBlock(kind);
    if (files)
        out += QLatin1String(kSave);
    return out;
}

}  // namespace replicant::ui::snippets::parts
