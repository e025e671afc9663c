// Bundles the front end into nbblocks/static/nbblocks.{js,css} and prints their gzip sizes.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, "..", "nbblocks", "static");
const BUDGET = 25 * 1024;

await esbuild.build({
  entryPoints: { nbblocks: join(here, "src", "index.ts") },
  outdir,
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
});

let total = 0;
for (const name of ["nbblocks.js", "nbblocks.css"]) {
  const bytes = readFileSync(join(outdir, name));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  total += gzipped;
  console.log(`${name.padEnd(13)} ${String(bytes.length).padStart(7)} B  ${String(gzipped).padStart(6)} B gzip`);
}
console.log(`total gzip    ${total} B of ${BUDGET} B budget`);
if (total > BUDGET) {
  console.error("error: the bundle is over its size budget");
  process.exit(1);
}
