import { existsSync, readFileSync } from "node:fs";

/** Reads `.dev.vars` (KEY=VALUE lines), falling back to `.dev.vars.example`. */
export function readDevVars(root = process.cwd()): Record<string, string> {
  const file = [".dev.vars", ".dev.vars.example"].map((f) => `${root}/${f}`).find((f) => existsSync(f));
  if (!file) return {};
  const vars: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/);
    if (!m) continue;
    vars[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, "$2");
  }
  return vars;
}
