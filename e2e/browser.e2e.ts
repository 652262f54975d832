import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { purchaseOrderPdf, SAMPLE_ROWS } from "./fixtures";
import { api, BASE, freshUser, launch, patient, SHOTS, withShot } from "./support";

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function signIn(page: Page) {
  const user = await freshUser();
  await page.goto(`${BASE}/`);
  await page.getByLabel(/e-mail/i).fill(user.email);
  await page.getByLabel(/^password$|^senha$/i).fill(user.password);
  await page.getByRole("button", { name: /sign in|entrar/i }).click();
  // A user created by an admin must choose a password first.
  const next = "correct horse battery staple";
  await page.getByLabel(/current password|senha atual/i).fill(user.password);
  await page.getByLabel(/^new password$|^nova senha$/i).fill(next);
  await page.getByLabel(/repeat|repita/i).fill(next);
  await page.getByRole("button", { name: /save|salvar/i }).click();
  await page.getByRole("heading", { level: 1, name: /classify|classificar/i }).waitFor();
}

test("sign in, upload a PDF, watch it finish, see the items, review one, download the XLSX", async () => {
  const context = await browser.newContext({
    locale: "en-US",
    acceptDownloads: true,
    viewport: { width: 1366, height: 900 },
  });
  patient(context);
  const page = await context.newPage();
  await withShot(page, "job-flow", async () => {
    await signIn(page);
    const dir = await mkdtemp(path.join(tmpdir(), "partwise-e2e-"));
    const pdf = path.join(dir, "order.pdf");
    await writeFile(pdf, await purchaseOrderPdf(SAMPLE_ROWS));
    await page.locator("#files").setInputFiles(pdf);

    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/);
    const jobId = page.url().split("/").pop()!;
    const bar = page.getByRole("progressbar");
    await bar.and(page.locator('[aria-valuenow="100"]')).waitFor({ timeout: 90_000 });
    await page
      .getByTestId("job-status")
      .filter({ hasText: /^completed/ })
      .waitFor({ timeout: 60_000 });
    const rows = page.getByTestId("items-table").locator("tbody tr");
    await rows.nth(SAMPLE_ROWS.length - 1).waitFor();
    assert.equal(await rows.count(), SAMPLE_ROWS.length);
    for (const [pn] of SAMPLE_ROWS) await page.getByRole("cell", { name: pn, exact: true }).waitFor();
    // The counters agree with the API.
    const job = await api<{ counts: { total: number } }>("GET", `/v1/jobs/${jobId}`);
    assert.equal(job.body.counts.total, SAMPLE_ROWS.length);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "job-page.png") });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download XLSX" }).click(),
    ]);
    const xlsx = path.join(dir, "report.xlsx");
    await download.saveAs(xlsx);
    const bytes = readFileSync(xlsx);
    assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK", "the report is an XLSX (zip) file");

    // Review one item of this job.
    await page.getByRole("link", { name: /^review \d+ item/i }).click();
    await page.getByRole("heading", { level: 1, name: /review queue/i }).waitFor();
    assert.equal(await page.getByLabel(/job id/i).inputValue(), jobId);
    const first = page.getByTestId("review-list").locator("li.review").first();
    await first.waitFor();
    const partnumber = (await first.locator("strong.code").textContent())!;
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "review-queue.png") });
    type Item = {
      partnumber: string;
      status: string;
      classification: { ncm: string; source: string } | null;
    };
    const before = (await api<{ items: Item[] }>("GET", `/v1/jobs/${jobId}/items`)).body.items;
    const target = before.find((i) => i.partnumber === partnumber)!;
    // A code the NCM table knows, taken from this job's own classified items (none when the stack has
    // no NCM table loaded: then nothing can be accepted or overridden, and the decision is a reject).
    const donor = before.find((i) => i.status === "classified")?.classification?.ncm;
    let expected: string | null = null;
    if (target.classification) {
      expected = target.classification.ncm;
      await first.getByRole("button", { name: /^accept$/i }).click();
    } else if (donor) {
      expected = donor;
      await first.getByRole("button", { name: /^override$/i }).click();
      const search = first.getByLabel(/search ncm/i);
      await search.fill(donor);
      await search.press("Enter");
    } else {
      // Nothing to accept, no code to override with, and an unclassified item cannot be rejected:
      // the page must say so and lose nothing.
      console.log("e2e: no NCM table in this stack; the review decision is a refused reject");
      await first.getByRole("button", { name: /^reject$/i }).click();
    }
    if (expected) await page.getByRole("status").filter({ hasText: /saved/i }).waitFor();
    else
      await page
        .getByRole("alert")
        .filter({ hasText: /no classification/i })
        .waitFor();
    const after = (await api<{ items: Item[] }>("GET", `/v1/jobs/${jobId}/items`)).body.items;
    const reviewed = after.find((i) => i.partnumber === partnumber)!;
    if (expected) {
      assert.equal(reviewed.status, "classified");
      assert.equal(reviewed.classification?.source, "human");
      assert.equal(reviewed.classification?.ncm, expected);
      await page
        .getByTestId("review-list")
        .getByText(partnumber, { exact: true })
        .waitFor({ state: "detached" });
    } else {
      assert.equal(reviewed.status, "needs_review");
    }
  });
  await context.close();
});

test("the /docs page renders its operations with every other host blocked", async () => {
  const context = await browser.newContext();
  patient(context);
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    blocked.push(url.href);
    return route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  await withShot(page, "docs-offline", async () => {
    await page.goto(`${BASE}/docs`);
    // Operations from the OpenAPI document: the first tag is open, later ones list their routes.
    // What to look for comes from the OpenAPI document itself, so a renamed route does not break this.
    const doc = (await (await fetch(`${BASE}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    const health = doc.paths["/healthz"]?.get?.summary;
    assert.ok(health, "the document describes GET /healthz");
    await page.getByRole("heading", { name: health }).waitFor({ timeout: 60_000 });
    await page.getByText("/v1/auth/login", { exact: true }).first().waitFor();
    // Every tag of the document is in the sidebar (sections further down render lazily).
    for (const tag of ["Jobs", "Review", "API keys", "Users", "Audit"]) {
      await page.getByText(tag, { exact: true }).first().waitFor();
    }
    const scripts = await page
      .locator("script[src]")
      .evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    assert.ok(
      scripts.every((s) => s.startsWith(BASE)),
      `scripts load from the Worker only: ${scripts.join(", ")}`,
    );
    console.log(
      `e2e: /docs requests to other hosts (blocked): ${blocked.length ? blocked.join(", ") : "none"}`,
    );
  });
  await context.close();
});

test("the app follows the browser's language and switches on demand", async () => {
  const context = await browser.newContext({ locale: "pt-BR" });
  patient(context);
  const page = await context.newPage();
  await withShot(page, "language", async () => {
    await page.goto(`${BASE}/`);
    await page.getByRole("heading", { level: 1, name: "Entrar" }).waitFor();
    await page.getByLabel("Idioma").selectOption("en");
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  });
  await context.close();
});
