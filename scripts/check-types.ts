/**
 * Fails when the committed worker-configuration.d.ts no longer matches wrangler.toml and
 * .dev.vars.example. (`wrangler types --check` ignores --env-file, so it always reports drift.)
 * It regenerates in place, compares, and puts the committed file back.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const FILE = "worker-configuration.d.ts";
const committed = readFileSync(FILE, "utf8");
try {
  execFileSync("npm", ["run", "--silent", "types"], {
    stdio: "ignore",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  if (readFileSync(FILE, "utf8") !== committed) {
    console.error(`${FILE} is out of date: run \`npm run types\` and commit it.`);
    process.exitCode = 1;
  } else {
    console.log(`${FILE} is up to date.`);
  }
} finally {
  writeFileSync(FILE, committed);
}
