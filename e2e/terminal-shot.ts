/**
 * Makes docs/cli-progress.png: runs `partwise classify … --wait` in a pseudo-terminal (`script`), takes
 * the terminal frames it drew, and renders the middle and the last one as a terminal picture in Chromium.
 * Usage (with a stack running): npx tsx e2e/terminal-shot.ts http://127.0.0.1:8850 <api key>
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { purchaseOrderPdf, SAMPLE_ROWS } from "./fixtures";

const [base = "http://127.0.0.1:8850", key = ""] = process.argv.slice(2);
const dir = tmpdir();
const pdf = path.join(dir, "order.pdf");
writeFileSync(pdf, await purchaseOrderPdf(SAMPLE_ROWS));
const pns = Array.from(
  { length: 400 },
  (_, i) => `TST${String(i).padStart(5, "0")}X${SAMPLE_ROWS[0]![0].slice(4, 8)}`,
);
const log = path.join(dir, "partwise-tty.log");
const cmd = `node bin/partwise.mjs classify ${pdf} ${pns.join(" ")} --wait`;
execFileSync("script", ["-qfec", cmd, log], {
  env: { ...process.env, PARTWISE_API_URL: base, PARTWISE_API_KEY: key, COLUMNS: "110" },
  stdio: "ignore",
});
// Strip the escape sequences; each redraw ends with the cursor moving up, so split frames on that.
const raw = readFileSync(log, "utf8").replace(/\n?Script done[^\n]*\n?/g, "");
const frames = raw
  .split(/\x1b\[\d*A/)
  .map((f) => f.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, ""))
  .filter((f) => f.includes("%"));
const pick = [frames[Math.floor(frames.length / 2)] ?? "", frames.at(-1) ?? ""];
const shell = `$ npx partwise classify order.pdf TST00000… (400 part numbers) --wait`;
const text = `${shell}\n${pick[0]!.trim()}\n\n… finished:\n${raw
  .split(/\x1b\[\d*A/)
  .at(-1)!
  .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")
  .replace(/\r/g, "")
  .trim()}`;
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1000, height: 300 } });
await page.setContent(
  `<body style="margin:0;background:#1d1f21"><pre style="margin:0;padding:16px;color:#e0e0e0;font:14px/1.4 monospace;white-space:pre-wrap">${escapeHtml(text)}</pre></body>`,
);
await page.locator("pre").screenshot({ path: path.resolve(import.meta.dirname, "../docs/cli-progress.png") });
await browser.close();
console.log(text);
