# Runs replicant/stylize over HTTP with cURL. `Prefer: wait` holds the request until the
# prediction finishes (up to 60 s): the answer is the prediction, with its output.
# Save as run.sh, then: REPLICATE_API_TOKEN=<your token> bash run.sh
#
# Inputs, in order; the body sends those marked [set], the others take their defaults:
#   image [set]: Image to restyle (file, required)
#   style: stylization: a watercolour-like look; pencil_sketch: a grey pencil drawing;
#     color_pencil_sketch: a coloured one; detail_enhance: exaggerated local detail;
#     edge_preserving: smooth surfaces with sharp edges (string, one of: "stylization",
#     "pencil_sketch", "color_pencil_sketch", "detail_enhance", "edge_preserving", default:
#     "stylization")
#   sigma_s [set]: Spatial extent of the smoothing, in pixels: larger values smooth over larger
#     areas (number, 1 to 200, default: 60)
#   sigma_r: How different two colours may be and still be averaged: larger values flatten more
#     (number, 0.01 to 1, default: 0.45)
#   shade_factor: Brightness of the pencil sketches' shading (number, 0 to 0.1, default: 0.02)
#   output_format [set]: Format of the output image (string, one of: "webp", "jpg", "png",
#     default: "webp")
#   output_quality: Quality when saving the output image, from 0 to 100 (not used for png)
#     (integer, 0 to 100, default: 90)
curl -s --fail-with-body -X POST "http://replicant.local:8080/v1/predictions" \
  -H "Authorization: Bearer $REPLICATE_API_TOKEN" \
  -H "Content-Type: application/json" \
  -H "Prefer: wait" \
  -d @- <<'JSON'
{
  "version": "e5e334886e604fb31e967e404d1f47b29b7ff3f430cbe82b89f8cdf87fdfe4ae",
  "input": {
    "image": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/p+FUYQAAAABJRU5ErkJggg==",
    "sigma_s": 30.5,
    "output_format": "png"
  }
}
JSON
