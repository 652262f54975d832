#!/usr/bin/env node
// Runs the compiled CLI (dist-cli/partwise.mjs, one self-contained file made by `npm run build`);
// in a fresh checkout it compiles it first with esbuild from devDependencies.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const compiled = new URL("../dist-cli/partwise.mjs", import.meta.url);
if (!existsSync(compiled)) {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/build-assets.ts", "cli"], { cwd: root, stdio: "inherit" });
}
await import(compiled.href);
