// Runs replicant/stylize with the official `replicate` client for Node.js.
// Save as run.mjs, then: npm install replicate
//   REPLICATE_API_TOKEN=<your token> node run.mjs
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import Replicate from "replicate";

const replicate = new Replicate({
  auth: process.env.REPLICATE_API_TOKEN,
  baseUrl: "http://replicant.local:8080/v1",
});

const input = {
  // Image to restyle (file, required)
  image: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/p+FUYQAAAABJRU5ErkJggg==",
  // stylization: a watercolour-like look; pencil_sketch: a grey pencil drawing;
  // color_pencil_sketch: a coloured one; detail_enhance: exaggerated local detail; edge_preserving:
  // smooth surfaces with sharp edges (string, one of: "stylization", "pencil_sketch",
  // "color_pencil_sketch", "detail_enhance", "edge_preserving", default: "stylization")
  // style: "stylization",
  // Spatial extent of the smoothing, in pixels: larger values smooth over larger areas (number, 1
  // to 200, default: 60)
  sigma_s: 30.5,
  // How different two colours may be and still be averaged: larger values flatten more (number,
  // 0.01 to 1, default: 0.45)
  // sigma_r: 0.45,
  // Brightness of the pencil sketches' shading (number, 0 to 0.1, default: 0.02)
  // shade_factor: 0.02,
  // Format of the output image (string, one of: "webp", "jpg", "png", default: "webp")
  output_format: "png",
  // Quality when saving the output image, from 0 to 100 (not used for png) (integer, 0 to 100,
  // default: 90)
  // output_quality: 90,
};

const output = await replicate.run(
  "replicant/stylize:e5e334886e604fb31e967e404d1f47b29b7ff3f430cbe82b89f8cdf87fdfe4ae",
  { input },
);
await save(output, "output");

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
