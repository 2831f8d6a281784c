# Runs replicate/hello-world with the official `replicate` client for Python.
# Save as run.py, then: pip install replicate
#   REPLICATE_API_TOKEN=<your token> python3 run.py
import os

import replicate

client = replicate.Client(
    api_token=os.environ["REPLICATE_API_TOKEN"],
    base_url="http://127.0.0.1:5000",
)

output = client.run(
    "replicate/hello-world:5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
    input={
        # Text to prefix with 'hello ' (string, required)
        "text": "He said \"hi\" \\ ünïcödé 🦙\nline\ttwo $HOME `date` 'single' \u2028end",
    },
)
print(output)
