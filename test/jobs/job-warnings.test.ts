import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { type Frame, parseFrame } from "../../src/shared/frames";
import type { JobView } from "../../src/shared/jobs";
import { pdfWithText, tableRuns } from "../extract/fixtures/pdf";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { loadNcmFixture, waitForFinal } from "./support/pipeline";

let t: TestTenant;
beforeAll(async () => {
  await loadNcmFixture();
  t = await createTenant("member");
});

async function uploadPdf(pdf: Uint8Array): Promise<string> {
  const form = new FormData();
  form.append("file", new File([pdf], "doc.pdf"));
  const res = await SELF.fetch("http://x/v1/jobs", { method: "POST", headers: authHeaders(t), body: form });
  expect(res.status).toBe(202);
  return ((await res.json()) as { job: { id: string } }).job.id;
}

// Page 1 lists two parts; page 2 has a part-number table whose rows give none.
const mixedPdf = () =>
  pdfWithText([
    tableRuns(
      [40, 90, 260],
      ["Item", "MPN", "Description"],
      [
        ["1", "QW4471-10TR", "Regulator"],
        ["2", "QW5582-20TR", "Comparator"],
      ],
    ),
    tableRuns(
      [40, 90, 260],
      ["Item", "MPN", "Description"],
      [
        ["3", "~", "Mounting hole"],
        ["4", "~", "Fiducial"],
        ["5", "~", "Test point"],
      ],
    ),
  ]);

describe("extraction warnings reach the job", () => {
  it("GET /v1/jobs/:id, the WebSocket replay and the PDF report carry them", async () => {
    const id = await uploadPdf(await mixedPdf());
    const done = await waitForFinal(t, id);
    expect(done.counts.total).toBe(2);
    const warning = {
      code: "table_without_partnumbers",
      message: "page 2: a table with 3 rows gave no part number",
      page: 2,
    };
    expect(done.warnings).toEqual([warning]);

    const res = await SELF.fetch(`http://x/v1/jobs/${id}/ws?since=0`, {
      headers: authHeaders(t, { upgrade: "websocket" }),
    });
    expect(res.status).toBe(101);
    const frames: Frame[] = [];
    const ws = res.webSocket!;
    ws.addEventListener("message", (e) => frames.push(parseFrame(e.data as string)));
    ws.accept();
    for (let n = 0; n < 100 && !frames.some((f) => f.type === "warnings"); n++)
      await new Promise((r) => setTimeout(r, 20));
    ws.close(1000, "done");
    expect(frames[0]).toMatchObject({ type: "snapshot", job: { warnings: [warning] } });
    expect(frames.filter((f) => f.type === "warnings")).toEqual([
      expect.objectContaining({ warnings: [warning] }),
    ]);

    const report = await SELF.fetch(`http://x/v1/jobs/${id}/report?format=pdf`, { headers: authHeaders(t) });
    expect(report.status).toBe(200);
    const { extractText, getDocumentProxy } = await import("unpdf");
    const text = (
      await extractText(await getDocumentProxy(new Uint8Array(await report.arrayBuffer())), {
        mergePages: true,
      })
    ).text;
    expect(text).toContain("page 2: a table with 3 rows gave no part number");
  });

  it("a document without part numbers fails no_partnumbers with the per-page reasons in details", async () => {
    const pdf = await pdfWithText([
      [{ x: 40, y: 760, text: "Thank you for your order, nothing to list here." }],
    ]);
    const id = await uploadPdf(pdf);
    const done: JobView = await waitForFinal(t, id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatchObject({
      code: "no_partnumbers",
      details: { pages: [{ page: 1, reason: expect.any(String) }] },
    });
    expect(done.warnings).toEqual([]);
  });
});
