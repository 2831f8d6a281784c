// Starts replicant-server on a free port with a temporary data dir, for the conformance tests.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const serverBinary =
  process.env.REPLICANT_SERVER ?? resolve(here, "../../build/bin/replicant-server");

export const TOKEN = "r8_ConformanceTestToken0000000000000000";

export async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), "replicant-node-"));
  const child = spawn(
    serverBinary,
    ["--listen", "127.0.0.1:0", "--data-dir", dataDir, "--token", TOKEN, "--quiet"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const baseUrl = await new Promise((resolvePromise, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error("server did not start: " + seen)), 15000);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${seen}`)));
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    });
  });
  return {
    baseUrl,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
