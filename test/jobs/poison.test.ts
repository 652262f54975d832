import { SELF } from "cloudflare:test";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { xlsxWorkbook } from "../extract/fixtures/xlsx";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { allItems, createJob, loadNcmFixture, postJob, waitForFinal } from "./support/pipeline";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let tenant: TestTenant;
beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

/** An XLSX whose shared strings carry `raw` XML text verbatim (entities included). */
function xlsxWithRawStrings(header: string, raw: string[]): Uint8Array {
  const marker = (i: number) => `MARKER${i}X`;
  const book = xlsxWorkbook([{ name: "P", rows: [[header, "Qty"], ...raw.map((_, i) => [marker(i), 1])] }]);
  const files = unzipSync(book);
  let shared = strFromU8(files["xl/sharedStrings.xml"]!);
  raw.forEach((r, i) => {
    shared = shared.replace(marker(i), r);
  });
  files["xl/sharedStrings.xml"] = strToU8(shared);
  return zipSync(files);
}

async function upload(bytes: Uint8Array, type: string) {
  const res = await SELF.fetch("http://x/v1/jobs", {
    method: "POST",
    headers: authHeaders(tenant, { "content-type": type }),
    body: bytes,
  });
  const body = (await res.json()) as { job: { id: string } };
  expect(res.status, JSON.stringify(body)).toBe(202);
  return body.job.id;
}

describe("poison input", () => {
  it("refuses a control character in a part number with 422 naming the index", async () => {
    const res = await postJob(tenant, { partnumbers: ["LM317T", "BAD\u0000PN", "BC547B"] });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(error.code).toBe("invalid_partnumber");
    expect(error.message).toMatch(/index 1/);
    expect(error.details).toEqual({ indexes: [1] });
  });

  it("stores free text with NUL characters without them, and the job finishes", async () => {
    const { job } = await createJob(tenant, {
      items: [{ partnumber: "LM317T", description: "regulator\u0000 1.5A", manufacturer: "T\u0000I" }],
    });
    const done = await waitForFinal(tenant, job.id);
    expect(done.counts.pending).toBe(0);
    expect(done.counts.total).toBe(1);
  });

  it("strips control characters from document text", async () => {
    const id = await upload(xlsxWithRawStrings("Part Number", ["ZQX&#0;-NUL&#1;77"]), XLSX);
    const done = await waitForFinal(tenant, id);
    expect(done.counts.total).toBe(1);
    const [item] = await allItems(tenant, id);
    expect(item!.partnumber).toBe("ZQX-NUL77");
  });

  it("ends the job failed when the parser throws something that is not an extraction error", async () => {
    // An out-of-range character reference makes the entity decoder throw a RangeError.
    const id = await upload(xlsxWithRawStrings("Part Number", ["ZQX&#x110000;1"]), XLSX);
    const done = await waitForFinal(tenant, id);
    expect(done.status).toBe("failed");
    expect(done.error?.code).toBe("unreadable_document");
  });
});
