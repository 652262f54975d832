import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { imageOnlyPdf, purchaseOrderPdf, SAMPLE_ROWS } from "./fixtures";
import { API_KEY, BASE } from "./support";

const BIN = path.resolve(import.meta.dirname, "../bin/partwise.mjs");

/** Runs the CLI as a user would (the package's bin), configured by environment variables only. */
function partwise(args: string[], env: Record<string, string> = {}) {
  const home = path.join(tmpdir(), "partwise-e2e-home"); // no stray config file is read
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: home,
      PARTWISE_API_URL: BASE,
      PARTWISE_API_KEY: API_KEY,
      ...env,
    },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("classify a PDF with --wait --out x.xlsx exits 0 and writes the report", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "partwise-cli-"));
  const pdf = path.join(dir, "order.pdf");
  await writeFile(pdf, await purchaseOrderPdf(SAMPLE_ROWS));
  const out = path.join(dir, "x.xlsx");
  const r = partwise(["classify", pdf, "--wait", "--timeout", "90", "--out", out, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const [job] = JSON.parse(r.stdout) as Array<{ status: string; counts: { total: number; pending: number } }>;
  assert.match(job!.status, /^completed/);
  assert.equal(job!.counts.total, SAMPLE_ROWS.length);
  assert.equal(job!.counts.pending, 0);
  assert.ok(existsSync(out));
  assert.equal(readFileSync(out).subarray(0, 2).toString("latin1"), "PK");
});

test("a job that fails (a PDF without a text layer) exits 1", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "partwise-cli-"));
  const pdf = path.join(dir, "scan.pdf");
  await writeFile(pdf, await imageOnlyPdf());
  const r = partwise(["classify", pdf, "--wait", "--timeout", "90"]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /failed .*pdf_no_text/);
});

test("usage errors exit 2; a missing configuration is a usage error", () => {
  assert.equal(partwise(["classify"]).code, 2);
  assert.equal(partwise(["frobnicate"]).code, 2);
  assert.equal(partwise(["classify", "ABC-123", "--wait", "--timeout", "soon"]).code, 2);
  const r = partwise(["jobs"], { PARTWISE_API_KEY: "" });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no API key/);
});

test("part numbers as arguments become one job; `jobs ID --json` shows it", () => {
  const r = partwise([
    "classify",
    SAMPLE_ROWS[0]![0],
    SAMPLE_ROWS[1]![0],
    "--wait",
    "--timeout",
    "90",
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const [job] = JSON.parse(r.stdout) as Array<{ id: string; counts: { total: number } }>;
  assert.equal(job!.counts.total, 2);
  const shown = partwise(["jobs", job!.id, "--json"]);
  assert.equal(shown.code, 0);
  assert.equal((JSON.parse(shown.stdout) as { id: string }).id, job!.id);
});
