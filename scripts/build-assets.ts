/**
 * Builds what the Worker serves as static assets and the CLI:
 * - public/assets/app.js: the web app (web/main.tsx, Preact), minified;
 * - public/assets/scalar/standalone.js: the API reference renderer, copied from @scalar/api-reference
 *   so /docs needs no CDN;
 * - dist-cli/partwise.mjs: the CLI (src/cli/main.ts) as one self-contained Node file.
 * Generated files are git-ignored: CI and `npm run dev` produce them from node_modules.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");
const ASSETS = path.join(ROOT, "public/assets");
export const CLI_OUT = path.join(ROOT, "dist-cli/partwise.mjs");

export async function buildWeb(): Promise<void> {
  await build({
    entryPoints: [path.join(ROOT, "web/main.tsx")],
    outfile: path.join(ASSETS, "app.js"),
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    logLevel: "warning",
  });
  // The package exports no subpath for its browser bundle, so it is read from its folder.
  const scalar = path.join(ROOT, "node_modules/@scalar/api-reference/dist/browser/standalone.js");
  mkdirSync(path.join(ASSETS, "scalar"), { recursive: true });
  copyFileSync(scalar, path.join(ASSETS, "scalar/standalone.js"));
}

export async function buildCli(): Promise<void> {
  await build({
    entryPoints: [path.join(ROOT, "src/cli/main.ts")],
    outfile: CLI_OUT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // ws optionally loads native helpers; without them it uses its JS code paths.
    external: ["bufferutil", "utf-8-validate"],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    legalComments: "none",
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2];
  if (which !== "cli") await buildWeb();
  if (which !== "web") await buildCli();
}
