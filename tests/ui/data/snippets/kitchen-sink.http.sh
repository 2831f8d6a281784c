# Runs acme/kitchen-sink over HTTP with cURL. `Prefer: wait` holds the request until the
# prediction finishes (up to 60 s): the answer is the prediction, with its output.
# Save as run.sh, then: REPLICATE_API_TOKEN=<your token> bash run.sh
#
# Inputs, in order; the body sends those marked [set], the others take their defaults:
#   prompt [set]: What to draw. Multi-line descriptions are folded into one line, and a long one
#     is wrapped at the snippet's width so that it stays readable (string, required)
#   api_key [set]: Key of the upstream service (secret, required)
#   num_outputs [set]: How many images (integer, 1 to 4, default: 1)
#   guidance: Guidance scale (number, at least 0, default: 7.5)
#   safe [set]: Check outputs (boolean, default: true)
#   tags [set]: Free tags (array of string)
#   scheduler: Sampler (string, one of: "K_EULER", "DDIM", default: "K_EULER")
#   init_image: Image to start from (file)
#   extra [set]: (object)
#   2nd-pass [set]: (boolean)
curl -s --fail-with-body -X POST "https://api.replicate.com/v1/models/acme/kitchen-sink/predictions" \
  -H "Authorization: Bearer $REPLICATE_API_TOKEN" \
  -H "Content-Type: application/json" \
  -H "Prefer: wait" \
  -d @- <<JSON
{
  "input": {
    "prompt": "a \\"quoted\\" cat",
    "api_key": "$API_KEY",
    "num_outputs": 2,
    "safe": false,
    "tags": ["a", 1.25, true],
    "extra": {"k": null},
    "2nd-pass": true
  }
}
JSON
