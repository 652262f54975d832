import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { utf8 } from "../extract/fixtures/text";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { allItems, createJob, loadNcmFixture, waitForFinal } from "./support/pipeline";

type Printed = {
  partnumber: string;
  unit: string | null;
  declaredNcm: string | null;
  country: string | null;
  classification: {
    ncm: string;
    declaredNcm?: string | null;
    declaredDisagrees?: boolean;
    candidates?: { code: string; sources: string[] }[];
  } | null;
};

async function uploadCsv(t: TestTenant, text: string): Promise<string> {
  const res = await SELF.fetch("http://x/v1/jobs", {
    method: "POST",
    headers: authHeaders(t, { "content-type": "text/csv" }),
    body: utf8(text),
  });
  const body = (await res.json()) as { job: { id: string } };
  expect(res.status, JSON.stringify(body)).toBe(202);
  return body.job.id;
}

describe("what the document prints beside the part number", () => {
  let t: TestTenant;
  beforeAll(async () => {
    await loadNcmFixture();
    t = await createTenant("member");
  });

  it("reaches the items listing and the report: unit, declared NCM, country", async () => {
    const id = await uploadCsv(
      t,
      "MPN;Description;NCM;Unit;Qty;Country of origin\n" +
        "QWV-7731-K;Capacitor ceramic 10uF;8532.24.10;PC;10;CN\n" +
        "QWV-8802-M;Mounting bracket steel;7318.16.00;UN;5;Germany\n",
    );
    expect((await waitForFinal(t, id)).counts.total).toBe(2);
    const items = (await allItems(t, id)) as unknown as Printed[];
    expect(
      items.map(({ partnumber, unit, declaredNcm, country }) => ({ partnumber, unit, declaredNcm, country })),
    ).toEqual([
      { partnumber: "QWV-7731-K", unit: "PC", declaredNcm: "85322410", country: "CN" },
      { partnumber: "QWV-8802-M", unit: "UN", declaredNcm: "73181600", country: "Germany" },
    ]);
    // The answer is compared with what the document declares.
    for (const item of items) {
      const c = item.classification;
      expect(c).not.toBeNull();
      expect(c!.declaredNcm).toBe(item.declaredNcm);
      expect(c!.declaredDisagrees).toBe(c!.ncm !== item.declaredNcm);
      // The classifier got it as evidence: a candidate of its own.
      expect(c!.candidates).toContainEqual(
        expect.objectContaining({ code: item.declaredNcm, sources: expect.arrayContaining(["declared"]) }),
      );
    }
    const report = await SELF.fetch(`http://x/v1/jobs/${id}/report?format=csv`, { headers: authHeaders(t) });
    const [header, first] = (await report.text()).split("\r\n").map((l) => l.split(","));
    const cell = (name: string) => first![header!.indexOf(name)];
    expect([cell("unit"), cell("declared_ncm"), cell("country_as_printed")]).toEqual([
      "PC",
      "8532.24.10",
      "CN",
    ]);
  });

  it("takes them from a JSON item list too", async () => {
    const { job } = await createJob(t, {
      items: [{ partnumber: "QWV-9913-P", unit: "m", declaredNcm: "8544.49.00", country: "BR" }],
    });
    await waitForFinal(t, job.id);
    const [item] = (await allItems(t, job.id)) as unknown as Printed[];
    expect(item).toMatchObject({ unit: "m", declaredNcm: "85444900", country: "BR" });
  });

  it("compares a catalog answer with what the document declares, too", async () => {
    const first = await createJob(t, {
      items: [{ partnumber: "QWV-5150-C", description: "Capacitor ceramic 1uF" }],
    });
    await waitForFinal(t, first.job.id);
    const { job } = await createJob(t, {
      items: [{ partnumber: "QWV-5150-C", description: "Capacitor ceramic 1uF", declaredNcm: "73181600" }],
    });
    await waitForFinal(t, job.id);
    const [item] = (await allItems(t, job.id)) as unknown as (Printed & {
      classification: { source: string } | null;
    })[];
    expect(item!.classification).toMatchObject({ source: "catalog", declaredNcm: "73181600" });
    expect(item!.classification!.declaredDisagrees).toBe(item!.classification!.ncm !== "73181600");
    expect(item!.classification!.ncm).not.toBe("73181600");
  });
});
