// Prints, as JSON, what the front end draws and fires: registry.ts `manifest()`, from the
// `ComponentSpec` each component module declares. Read by tests/components/test_declarations.py,
// which compares it with the Python classes. Bundled on the fly, so no build step is needed.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const { outputFiles } = await esbuild.build({
  entryPoints: [join(here, "src", "registry.ts")],
  bundle: true,
  format: "esm",
  write: false,
  logLevel: "warning",
  // The styles a lazy chunk imports are text; nothing here draws, so any stand-in does.
  loader: { ".css": "empty" },
});
const registry = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].contents).toString("base64")}`);
console.log(JSON.stringify(registry.manifest(), null, 1));
