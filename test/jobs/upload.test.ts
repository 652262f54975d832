import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { pdfWithoutText, pdfWithText, tableRuns } from "../extract/fixtures/pdf";
import { latin1, utf8 } from "../extract/fixtures/text";
import { xlsxWorkbook } from "../extract/fixtures/xlsx";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { allItems, loadNcmFixture, waitForFinal } from "./support/pipeline";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function upload(t: TestTenant, body: BodyInit, contentType?: string, query = "") {
  const headers = authHeaders(t, contentType ? { "content-type": contentType } : {});
  return SELF.fetch(`http://x/v1/jobs${query}`, { method: "POST", headers, body });
}

function multipart(file: Uint8Array, name: string, options?: unknown, extra?: Record<string, string>) {
  const form = new FormData();
  form.append("file", new File([file], name));
  if (options !== undefined) form.append("options", JSON.stringify(options));
  for (const [k, v] of Object.entries(extra ?? {})) form.append(k, v);
  return form;
}

async function accepted(res: Response) {
  const body = (await res.json()) as { job: { id: string; status: string }; links: Record<string, string> };
  expect(res.status, JSON.stringify(body)).toBe(202);
  return body;
}

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string } }).error;

const invoicePdf = () =>
  pdfWithText([
    tableRuns(
      [40, 90, 260, 420],
      ["Line", "Mfr. Part No.", "Description", "Qty"],
      [
        ["1", "GRM188R71H104KA93D", "Capacitor ceramic 100nF 50V X7R 0603", "100"],
        ["2", "BC547B", "Transistor NPN 45V 100mA TO-92", "50"],
      ],
    ),
  ]);

describe("document intake", () => {
  let t: TestTenant;
  beforeAll(async () => {
    await loadNcmFixture();
    t = await createTenant("member");
  });

  it("takes a multipart PDF, stores the original in R2 and classifies what it extracts", async () => {
    const pdf = await invoicePdf();
    const { job, links } = await accepted(await upload(t, multipart(pdf, "invoice.pdf")));
    expect(links.source).toBe(`/v1/jobs/${job.id}/source`);
    const done = await waitForFinal(t, job.id);
    expect(done.status).toBe("completed");
    expect(done.counts.total).toBe(2);
    const items = await allItems(t, job.id);
    expect(items.map((i) => i.partnumber)).toEqual(["GRM188R71H104KA93D", "BC547B"]);
    expect(items[0]!.occurrences).toEqual([expect.objectContaining({ page: 1 })]);
    const stored = await env.FILES.list({ prefix: `sources/${t.tenantId}/${job.id}/` });
    expect(stored.objects.map((o) => o.key)).toEqual([`sources/${t.tenantId}/${job.id}/invoice.pdf`]);
  });

  it("streams the original back from /source, byte for byte", async () => {
    const pdf = await invoicePdf();
    const { job } = await accepted(await upload(t, pdf, "application/pdf"));
    const res = await SELF.fetch(`http://x/v1/jobs/${job.id}/source`, { headers: authHeaders(t) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
  });

  it("serves /source only to the job's tenant", async () => {
    const { job } = await accepted(await upload(t, await invoicePdf(), "application/pdf"));
    const other = await createTenant();
    const res = await SELF.fetch(`http://x/v1/jobs/${job.id}/source`, { headers: authHeaders(other) });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("not_found");
  });

  it("has no /source for a list job", async () => {
    const res = await SELF.fetch("http://x/v1/jobs", {
      method: "POST",
      headers: authHeaders(t, { "content-type": "application/json" }),
      body: JSON.stringify({ partnumbers: ["BC547B"] }),
    });
    const { job } = await accepted(res);
    const src = await SELF.fetch(`http://x/v1/jobs/${job.id}/source`, { headers: authHeaders(t) });
    expect(src.status).toBe(404);
  });

  it.each([
    ["UTF-8", utf8("MPN;Description;Qty\nLM317T;Regulador de tensão;10\nBC547B;Transistor;5\n")],
    [
      "UTF-8 with BOM",
      utf8("MPN,Description,Qty\nLM317T,Regulador de tensão,10\nBC547B,Transistor,5\n", true),
    ],
    ["Latin-1", latin1("MPN;Descrição;Qtd\nLM317T;Regulador de tensão;10\nBC547B;Transistor;5\n")],
  ])("takes a raw CSV in %s", async (_name, bytes) => {
    const { job } = await accepted(await upload(t, bytes, "text/csv"));
    const done = await waitForFinal(t, job.id);
    expect(done.counts.total).toBe(2);
    const items = await allItems(t, job.id);
    expect(items.map((i) => i.partnumber)).toEqual(["LM317T", "BC547B"]);
  });

  it("takes an XLSX and honours the sheet option", async () => {
    const book = xlsxWorkbook([
      { name: "Cover", rows: [["Purchase order 4711"]] },
      {
        name: "Parts",
        rows: [
          ["Manufacturer Part Number", "Qty"],
          ["LM317T", 3],
        ],
      },
      {
        name: "Spares",
        rows: [
          ["Manufacturer Part Number", "Qty"],
          ["BC547B", 3],
        ],
      },
    ]);
    const first = await accepted(await upload(t, book, XLSX));
    expect((await allItems(t, (await waitForFinal(t, first.job.id)).id)).map((i) => i.partnumber)).toEqual([
      "LM317T",
    ]);
    const chosen = await accepted(await upload(t, multipart(book, "po.xlsx", { sheet: "Spares" })));
    expect((await allItems(t, (await waitForFinal(t, chosen.job.id)).id)).map((i) => i.partnumber)).toEqual([
      "BC547B",
    ]);
  });

  it("decides the type by content, not by the file name", async () => {
    const csvNamedPdf = utf8("MPN,Qty\nLM317T,1\n");
    const { job } = await accepted(await upload(t, multipart(csvNamedPdf, "scan.pdf")));
    expect((await waitForFinal(t, job.id)).counts.total).toBe(1);
  });

  it.each([
    ["a truncated PDF", async () => (await invoicePdf()).slice(0, 400), "pdf_corrupt"],
    ["an image-only PDF", () => pdfWithoutText(), "pdf_no_text"],
    [
      "a PDF without part numbers",
      () => pdfWithText([[{ x: 50, y: 700, text: "Thank you for your order." }]]),
      "no_partnumbers",
    ],
  ])("ends the job failed for %s", async (_name, make, code) => {
    const { job } = await accepted(await upload(t, await make(), "application/pdf"));
    const done = await waitForFinal(t, job.id);
    expect(done.status).toBe("failed");
    expect(done.error?.code).toBe(code);
    expect(done.error?.message.length).toBeGreaterThan(10);
  });

  it("415s a body type it does not take", async () => {
    const res = await upload(t, "hello", "text/plain");
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe("unsupported_media_type");
  });

  it("415s a file that is none of PDF, CSV or XLSX", async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const res = await upload(t, multipart(png, "parts.csv"));
    expect(res.status).toBe(415);
  });

  it("415s a body whose content contradicts its declared type", async () => {
    const res = await upload(t, utf8("MPN,Qty\nLM317T,1\n"), "application/pdf");
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe("content_type_mismatch");
  });

  it("413s a file over the size limit, and stores nothing", async () => {
    const limit = Number(env.MAX_UPLOAD_BYTES);
    const before = await env.FILES.list({ prefix: `sources/${t.tenantId}/` });
    const big = new Uint8Array(limit + 1).fill(0x41);
    const res = await upload(t, big, "text/csv");
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe("payload_too_large");
    const after = await env.FILES.list({ prefix: `sources/${t.tenantId}/` });
    expect(after.objects.length).toBe(before.objects.length);
  });

  it("422s a multipart body without a file, or with unknown fields or bad options", async () => {
    const noFile = new FormData();
    noFile.append("options", "{}");
    expect((await errorOf(await upload(t, noFile))).code).toBe("file_required");
    const csv = utf8("MPN\nLM317T\n");
    const unknown = await upload(t, multipart(csv, "a.csv", undefined, { colour: "blue" }));
    expect(unknown.status).toBe(422);
    const badOptions = await upload(t, multipart(csv, "a.csv", { priority: "urgent" }));
    expect(badOptions.status).toBe(422);
  });

  it("400s options that are not JSON", async () => {
    const form = new FormData();
    form.append("file", new File([utf8("MPN\nLM317T\n")], "a.csv"));
    form.append("options", "{nope");
    const res = await upload(t, form);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("malformed_json");
  });

  it("replays the same upload under the same Idempotency-Key, and 409s a different file", async () => {
    const key = `upload-${crypto.randomUUID()}`;
    const send = (csv: string) =>
      SELF.fetch("http://x/v1/jobs", {
        method: "POST",
        headers: authHeaders(t, { "content-type": "text/csv", "idempotency-key": key }),
        body: utf8(csv),
      });
    const first = await accepted(await send("MPN\nLM317T\n"));
    const again = await accepted(await send("MPN\nLM317T\n"));
    expect(again.job.id).toBe(first.job.id);
    const stored = await env.FILES.list({ prefix: `sources/${t.tenantId}/` });
    expect(stored.objects.filter((o) => o.key.includes(first.job.id))).toHaveLength(1);
    expect((await send("MPN\nBC547B\n")).status).toBe(409);
  });

  it("refuses uploads from a viewer", async () => {
    const viewer = await createTenant("viewer");
    const res = await upload(viewer, utf8("MPN\nLM317T\n"), "text/csv");
    expect(res.status).toBe(403);
  });
});
