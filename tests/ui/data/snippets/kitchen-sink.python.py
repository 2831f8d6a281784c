# Runs acme/kitchen-sink with the official `replicate` client for Python.
# Save as run.py, then: pip install replicate
#   REPLICATE_API_TOKEN=<your token> python3 run.py
import os
from urllib.parse import urlparse
from urllib.request import urlopen

import replicate

client = replicate.Client(api_token=os.environ["REPLICATE_API_TOKEN"])

output = client.run(
    "acme/kitchen-sink",
    input={
        # What to draw. Multi-line descriptions are folded into one line, and a long one is wrapped
        # at the snippet's width so that it stays readable (string, required)
        "prompt": "a \"quoted\" cat",
        # Key of the upstream service (secret, required)
        "api_key": os.environ["API_KEY"],
        # How many images (integer, 1 to 4, default: 1)
        "num_outputs": 2,
        # Guidance scale (number, at least 0, default: 7.5)
        # "guidance": 7.5,
        # Check outputs (boolean, default: True)
        "safe": False,
        # Free tags (array of string)
        "tags": ["a", 1.25, True],
        # Sampler (string, one of: "K_EULER", "DDIM", default: "K_EULER")
        # "scheduler": "K_EULER",
        # Image to start from (file)
        # "init_image": "https://example.com/input.png",
        # (object)
        "extra": {"k": None},
        # (boolean)
        "2nd-pass": True,
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


for index, item in enumerate(output):
    save(item, f"output-{index}")
