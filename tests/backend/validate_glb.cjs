// Validates GLB files with the Khronos glTF validator (npm gltf-validator, installed in
// tests/conformance/node_modules; run with NODE_PATH pointing there). Prints one JSON array:
// [{file, errors, warnings, messages}], messages listing the errors and warnings.
const fs = require("fs");
const validator = require("gltf-validator");

(async () => {
  const results = [];
  for (const file of process.argv.slice(2)) {
    const report = await validator.validateBytes(new Uint8Array(fs.readFileSync(file)), {
      maxIssues: 50,
    });
    results.push({
      file,
      errors: report.issues.numErrors,
      warnings: report.issues.numWarnings,
      messages: report.issues.messages
        .filter((m) => m.severity <= 1)
        .map((m) => `${m.code} ${m.pointer || ""}: ${m.message}`),
    });
  }
  console.log(JSON.stringify(results));
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
