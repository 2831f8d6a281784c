#include "snippet_parts.h"

// HTTP with cURL, as the API reference shows it: POST /v1/predictions with a version for a
// pinned model, else POST /v1/models/{owner}/{name}/predictions (official models, or the latest
// version), `Prefer: wait` to get the finished prediction in the answer. The body goes through
// a here-document; it is quoted (nothing expands) unless a secret input needs its environment
// variable, and then `\`, `$` and backticks of the other values are escaped.
namespace replicant::ui::snippets::parts {

namespace {
QString shellEscaped(QString text) {
    return text.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('$'), QLatin1String("\\$"))
        .replace(QLatin1Char('`'), QLatin1String("\\`"));
}

QString inputDocs(const QVector<Input>& all) {
    if (all.isEmpty())
        return QStringLiteral("# The model takes no inputs.\n");
    QString out = QStringLiteral(
        "# Inputs, in order; the body sends those marked [set], the others take their defaults:\n");
    for (const Input& input : all) {
        const QString head =
            input.name + (input.set ? QStringLiteral(" [set]: ") : QStringLiteral(": "));
        const QString text =
            commentLines(QStringLiteral("#     "), head + input.comment(Syntax::Json));
        out += QStringLiteral("#   ") + text.mid(6);  // the first line less indented
    }
    return out;
}
}  // namespace

QString http(const Request& request) {
    const QVector<Input> all = inputs(request);
    // A secret's member reads its environment variable, so the here-document must expand;
    // the other members are then escaped to stay as they are.
    bool expand = false;
    for (const Input& input : all)
        expand = expand || (input.set && !input.envVar.isEmpty());
    QStringList members;
    for (const Input& input : all) {
        if (!input.set)
            continue;
        if (!input.envVar.isEmpty()) {
            members << QStringLiteral("    %1: \"$%2\"")
                           .arg(shellEscaped(quoted(input.name)), input.envVar);
            continue;
        }
        const QString member = QStringLiteral("    %1: %2")
                                   .arg(quoted(input.name), literal(input.value, Syntax::Json));
        members << (expand ? shellEscaped(member) : member);
    }

    const bool byVersion = pinned(request);
    const QString url =
        byVersion ? root(request) + QLatin1String("/v1/predictions")
                  : root(request) + QStringLiteral("/v1/models/%1/predictions").arg(request.model);
    QString out;
    out += QStringLiteral(
               "# Runs %1 over HTTP with cURL. `Prefer: wait` holds the request until the\n")
               .arg(request.model);
    out += QStringLiteral(
        "# prediction finishes (up to 60 s): the answer is the prediction, with its output.\n"
        "# Save as run.sh, then: REPLICATE_API_TOKEN=<your token> bash run.sh\n#\n");
    out += inputDocs(all);
    out += QStringLiteral("curl -s --fail-with-body -X POST %1 \\\n").arg(quoted(url));
    out += QStringLiteral(
        "  -H \"Authorization: Bearer $REPLICATE_API_TOKEN\" \\\n"
        "  -H \"Content-Type: application/json\" \\\n"
        "  -H \"Prefer: wait\" \\\n");
    out += expand ? QStringLiteral("  -d @- <<JSON\n{\n") : QStringLiteral("  -d @- <<'JSON'\n{\n");
    if (byVersion)
        out += QStringLiteral("  \"version\": %1,\n").arg(quoted(request.version));
    if (members.isEmpty())
        out += QStringLiteral("  \"input\": {}\n");
    else
        out += QStringLiteral("  \"input\": {\n") + members.join(QLatin1String(",\n")) +
               QStringLiteral("\n  }\n");
    out += QStringLiteral("}\nJSON\n");
    return out;
}

}  // namespace replicant::ui::snippets::parts
