// Runs acme/kitchen-sink with the official `replicate` client for Node.js.
// Save as run.mjs, then: npm install replicate
//   REPLICATE_API_TOKEN=<your token> node run.mjs
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import Replicate from "replicate";

const replicate = new Replicate({
  auth: process.env.REPLICATE_API_TOKEN,
});

const input = {
  // What to draw. Multi-line descriptions are folded into one line, and a long one is wrapped at
  // the snippet's width so that it stays readable (string, required)
  prompt: "a \"quoted\" cat",
  // Key of the upstream service (secret, required)
  api_key: process.env.API_KEY,
  // How many images (integer, 1 to 4, default: 1)
  num_outputs: 2,
  // Guidance scale (number, at least 0, default: 7.5)
  // guidance: 7.5,
  // Check outputs (boolean, default: true)
  safe: false,
  // Free tags (array of string)
  tags: ["a", 1.25, true],
  // Sampler (string, one of: "K_EULER", "DDIM", default: "K_EULER")
  // scheduler: "K_EULER",
  // Image to start from (file)
  // init_image: "https://example.com/input.png",
  // (object)
  extra: {"k": null},
  // (boolean)
  "2nd-pass": true,
};

const output = await replicate.run("acme/kitchen-sink", { input });
for (const [index, file] of output.entries()) {
  await save(file, `output-${index}`);
}

// Saves a file output: a FileOutput (https: and data: URLs) or a plain URL (http:).
async function save(file, name) {
  const url = typeof file === "string" ? new URL(file) : file.url();
  const path = name + extname(url.pathname);
  let body = file;
  if (typeof file === "string") {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    body = response.body;
  }
  await writeFile(path, body);
  console.log(`Saved ${path}`);
}
