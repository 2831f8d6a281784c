#include "snippet_parts.h"

// Python with the official `replicate` client (1.x): `replicate.Client(api_token=, base_url=)`,
// whose base_url has no /v1; `run()` returns the output, files as FileOutput (.url, .read()).
namespace replicant::ui::snippets::parts {

namespace {
QString inputBlock(const Request& request) {
    const QVector<Input> all = inputs(request);
    if (all.isEmpty())
        return QStringLiteral("    input={},\n");
    QString out = QStringLiteral("    input={\n");
    for (const Input& input : all) {
        out += commentLines(QStringLiteral("        # "), input.comment(Syntax::Python));
        const QString value = input.envVar.isEmpty()
                                  ? literal(input.value, Syntax::Python)
                                  : QStringLiteral("os.environ[%1]").arg(quoted(input.envVar));
        out += (input.set ? QStringLiteral("        ") : QStringLiteral("        # ")) +
               quoted(input.name) + QLatin1String(": ") + value + QLatin1String(",\n");
    }
    return out + QStringLiteral("    },\n");
}

QString outputBlock(OutputKind kind) {
    switch (kind) {
        case OutputKind::Text:
            return QStringLiteral("print(output)\n");
        case OutputKind::TextParts:
            return QStringLiteral("print(\"\".join(output))\n");
        case OutputKind::File:
            return QStringLiteral("save(output, \"output\")\n");
        case OutputKind::Files:
            return QStringLiteral(
                "for index, item in enumerate(output):\n"
                "    save(item, f\"output-{index}\")\n");
        case OutputKind::Json:
            break;
    }
    return QStringLiteral("print(json.dumps(output, indent=2, default=str))\n");
}
// Saves a file output in the current directory. The client hands https: and data: URLs over as
// FileOutput objects, other URLs (a local server's http:) as strings.
const char* const kSave =
    "\n"
    "\n"
    "def save(item, name):\n"
    "    \"\"\"Saves a file output: a FileOutput (https: and data: URLs) or a plain URL "
    "(http:).\"\"\"\n"
    "    url = item if isinstance(item, str) else item.url\n"
    "    path = name + os.path.splitext(urlparse(url).path)[1]\n"
    "    data = urlopen(url).read() if isinstance(item, str) else item.read()\n"
    "    with open(path, \"wb\") as file:\n"
    "        file.write(data)\n"
    "    print(f\"Saved {path}\")\n"
    "\n"
    "\n";
}  // namespace

QString python(const Request& request) {
    const OutputKind kind = outputKind(request);
    const bool files = kind == OutputKind::File || kind == OutputKind::Files;
    QString out;
    out += QStringLiteral("# Runs %1 with the official `replicate` client for Python.\n")
               .arg(request.model);
    out += QStringLiteral(
        "# Save as run.py, then: pip install replicate\n"
        "#   REPLICATE_API_TOKEN=<your token> python3 run.py\n");
    if (kind == OutputKind::Json)
        out += QStringLiteral("import json\n");
    out += QStringLiteral("import os\n");
    if (files)
        out += QStringLiteral(
            "from urllib.parse import urlparse\n"
            "from urllib.request import urlopen\n");
    out += QStringLiteral("\nimport replicate\n\n");
    if (isReplicateApi(request.baseUrl)) {
        out += QStringLiteral(
            "client = replicate.Client(api_token=os.environ[\"REPLICATE_API_TOKEN\"])\n");
    } else {
        out += QStringLiteral("client = replicate.Client(\n");
        out += QStringLiteral("    api_token=os.environ[\"REPLICATE_API_TOKEN\"],\n");
        out += QStringLiteral("    base_url=%1,\n").arg(quoted(root(request)));
        out += QStringLiteral(")\n");
    }
    out += QStringLiteral("\noutput = client.run(\n");
    out += QStringLiteral("    %1,\n").arg(quoted(identifier(request)));
    out += inputBlock(request);
    out += QStringLiteral(")\n");
    if (files)  // defined after the run, which is what the reader looks for first
        out += QLatin1String(kSave);
    out += outputBlock(kind);
    return out;
}

}  // namespace replicant::ui::snippets::parts
