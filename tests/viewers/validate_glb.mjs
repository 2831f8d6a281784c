// Runs gltf-validator (the Khronos reference validator, from tests/conformance/node_modules) on
// every glTF asset the project writes for the viewer: the samples of glb_samples.cpp and a
// small mesh from bench/make_large_glb. Fails on any error or warning.
//
// VIEWER_SAMPLES and MAKE_LARGE_GLB name the two programs (CTest sets them); extra
// arguments are further files to validate.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, "../conformance/package.json"));
const validator = require("gltf-validator");

const dir = mkdtempSync(join(tmpdir(), "replicant-glb-"));
const files = process.argv.slice(2);
try {
  if (process.env.VIEWER_SAMPLES) {
    execFileSync(process.env.VIEWER_SAMPLES, [dir], { stdio: ["ignore", "ignore", "inherit"] });
  }
  if (process.env.MAKE_LARGE_GLB) {
    execFileSync(process.env.MAKE_LARGE_GLB, [join(dir, "knot.glb"), "--triangles", "20000"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  files.push(...readdirSync(dir).map((name) => join(dir, name)));
  if (files.length === 0) {
    console.error("validate_glb: nothing to validate (set VIEWER_SAMPLES or MAKE_LARGE_GLB)");
    process.exit(1);
  }

  let failed = 0;
  for (const file of files.sort()) {
    const bytes = new Uint8Array(readFileSync(file));
    const report = await validator.validateBytes(bytes, {
      uri: file,
      maxIssues: 50,
      // Our samples keep everything inside the file; an external URI would be a bug.
      externalResourceFunction: (uri) => Promise.reject(new Error(`external resource ${uri}`)),
    });
    const { numErrors, numWarnings, numInfos, messages } = report.issues;
    const bad = messages.filter((m) => m.severity <= 1);
    const name = file.split("/").pop();
    if (numErrors + numWarnings > 0) {
      failed++;
      console.log(`FAIL ${name}: ${numErrors} errors, ${numWarnings} warnings`);
      for (const m of bad) console.log(`  ${m.code} at ${m.pointer ?? ""}: ${m.message}`);
    } else {
      console.log(`ok   ${name} (${numInfos} infos)`);
    }
  }
  process.exit(failed ? 1 : 0);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
