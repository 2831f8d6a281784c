// Runs replicate/hello-world with the official `replicate` client for Node.js.
// Save as run.mjs, then: npm install replicate
//   REPLICATE_API_TOKEN=<your token> node run.mjs
import Replicate from "replicate";

const replicate = new Replicate({
  auth: process.env.REPLICATE_API_TOKEN,
  baseUrl: "http://127.0.0.1:5000/v1",
});

const input = {
  // Text to prefix with 'hello ' (string, required)
  text: "He said \"hi\" \\ ünïcödé 🦙\nline\ttwo $HOME `date` 'single' \u2028end",
};

const output = await replicate.run(
  "replicate/hello-world:5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
  { input },
);
console.log(output);
