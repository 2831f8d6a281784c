# Runs replicant/stylize with the official `replicate` client for Python.
# Save as run.py, then: pip install replicate
#   REPLICATE_API_TOKEN=<your token> python3 run.py
import os
from urllib.parse import urlparse
from urllib.request import urlopen

import replicate

client = replicate.Client(
    api_token=os.environ["REPLICATE_API_TOKEN"],
    base_url="http://replicant.local:8080",
)

output = client.run(
    "replicant/stylize:e5e334886e604fb31e967e404d1f47b29b7ff3f430cbe82b89f8cdf87fdfe4ae",
    input={
        # Image to restyle (file, required)
        "image": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/p+FUYQAAAABJRU5ErkJggg==",
        # stylization: a watercolour-like look; pencil_sketch: a grey pencil drawing;
        # color_pencil_sketch: a coloured one; detail_enhance: exaggerated local detail;
        # edge_preserving: smooth surfaces with sharp edges (string, one of: "stylization",
        # "pencil_sketch", "color_pencil_sketch", "detail_enhance", "edge_preserving", default:
        # "stylization")
        # "style": "stylization",
        # Spatial extent of the smoothing, in pixels: larger values smooth over larger areas
        # (number, 1 to 200, default: 60)
        "sigma_s": 30.5,
        # How different two colours may be and still be averaged: larger values flatten more
        # (number, 0.01 to 1, default: 0.45)
        # "sigma_r": 0.45,
        # Brightness of the pencil sketches' shading (number, 0 to 0.1, default: 0.02)
        # "shade_factor": 0.02,
        # Format of the output image (string, one of: "webp", "jpg", "png", default: "webp")
        "output_format": "png",
        # Quality when saving the output image, from 0 to 100 (not used for png) (integer, 0 to 100,
        # default: 90)
        # "output_quality": 90,
    },
)


def save(item, name):
    """Saves a file output: a FileOutput (https: and data: URLs) or a plain URL (http:)."""
    url = item if isinstance(item, str) else item.url
    path = name + os.path.splitext(urlparse(url).path)[1]
    data = urlopen(url).read() if isinstance(item, str) else item.read()
    with open(path, "wb") as file:
        file.write(data)
    print(f"Saved {path}")


save(output, "output")
