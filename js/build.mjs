// Bundles the front end into nbblocks/static/: the core (nbblocks.{js,css}, what every page loads)
// and one ES module per lazy chunk in chunks/ (js/src/chunks.ts), printing their gzip sizes.
// Fails when the core is over its budget, or when a chunk bundles core code (it must take what it
// needs from the `ChunkApi` it is given, so the core is not copied into every chunk).
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, "..", "nbblocks", "static");
const chunkdir = join(outdir, "chunks");
/** The first page of an app without media: core js + css, gzipped (issue 11). */
const BUDGET = 30 * 1024;
/** Chunk name -> its entry module, which exports `specs` and `styles` (`ChunkModule`). */
const CHUNKS = { model3d: "src/components/model3d.ts", image: "src/components/image.ts", av: "src/components/av.ts", editor: "src/components/editor.ts", plots: "src/components/plots.ts", dataframe: "src/components/dataframe.ts", chat: "src/components/chat.ts", dataset: "src/components/dataset.ts", katex: "src/components/katex.ts", code: "src/components/code.ts" };

const shared = { bundle: true, format: "esm", minify: true, target: "es2020", legalComments: "none", logLevel: "warning" };

/** A chunk's CSS arrives as minified text (`import styles from "./x.css"`): one file per chunk. */
const cssAsText = {
  name: "css-as-text",
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const source = inlineFonts(readFileSync(args.path, "utf8"), dirname(args.path));
      const css = await esbuild.transform(source, { loader: "css", minify: true });
      return { contents: css.code, loader: "text" };
    });
  },
};

/**
 * The woff2 fonts a CSS names (KaTeX's), put inside it as data: URLs: they travel with their chunk,
 * so a notebook, which has no server to fetch a font from, gets them over the comm, and a served
 * page needs no route for them. The woff and ttf fallbacks are dropped (every browser we target
 * reads woff2), or they would triple the chunk.
 */
function inlineFonts(css, dir) {
  return css
    .replace(/,\s*url\([^)]+\.(?:woff|ttf)\)\s*format\("[\w-]+"\)/g, "")
    .replace(/url\(([^)]+\.woff2)\)/g, (_, path) => `url(data:font/woff2;base64,${readFileSync(join(dir, path)).toString("base64")})`);
}

function report(name, path) {
  const bytes = readFileSync(path);
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  console.log(`${name.padEnd(20)} ${String(bytes.length).padStart(8)} B  ${String(gzipped).padStart(7)} B gzip`);
  return gzipped;
}

await esbuild.build({ ...shared, entryPoints: { nbblocks: join(here, "src", "index.ts") }, outdir });

rmSync(chunkdir, { recursive: true, force: true }); // no chunk of an earlier build lingers
for (const [name, entry] of Object.entries(CHUNKS)) {
  const { metafile } = await esbuild.build({
    ...shared,
    entryPoints: { [name]: join(here, entry) },
    outdir: chunkdir,
    metafile: true,
    plugins: [cssAsText],
  });
  const core = Object.keys(metafile.inputs)
    .map((input) => relative(here, join(process.cwd(), input)))
    .filter((input) => input.startsWith("src") && !input.startsWith(join("src", "components", name)));
  if (core.length > 0) {
    console.error(`error: chunk ${name} bundles core modules (${core.join(", ")}): take them from its ChunkApi`);
    process.exit(1);
  }
}

let total = 0;
for (const name of ["nbblocks.js", "nbblocks.css"]) total += report(name, join(outdir, name));
console.log(`first page (gzip)     ${total} B of ${BUDGET} B budget`);
for (const name of Object.keys(CHUNKS)) report(`chunks/${name}.js`, join(chunkdir, `${name}.js`));
if (total > BUDGET) {
  console.error("error: the first page is over its size budget");
  process.exit(1);
}
