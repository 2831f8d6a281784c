# Runs replicate/hello-world over HTTP with cURL. `Prefer: wait` holds the request until the
# prediction finishes (up to 60 s): the answer is the prediction, with its output.
# Save as run.sh, then: REPLICATE_API_TOKEN=<your token> bash run.sh
#
# Inputs, in order; the body sends those marked [set], the others take their defaults:
#   text [set]: Text to prefix with 'hello ' (string, required)
curl -s --fail-with-body -X POST "http://127.0.0.1:5000/v1/predictions" \
  -H "Authorization: Bearer $REPLICATE_API_TOKEN" \
  -H "Content-Type: application/json" \
  -H "Prefer: wait" \
  -d @- <<'JSON'
{
  "version": "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
  "input": {
    "text": "He said \"hi\" \\ ünïcödé 🦙\nline\ttwo $HOME `date` 'single' \u2028end"
  }
}
JSON
