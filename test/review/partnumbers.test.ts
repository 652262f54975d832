import { SELF } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ai, createJob, loadNcmFixture, syntheticPartnumbers, waitForFinal } from "../jobs/support/pipeline";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { classifiedJob, review } from "./support";

let member: TestTenant;

beforeAll(async () => {
  await loadNcmFixture();
  member = await createTenant("member");
});

afterEach(async () => {
  await ai.reset();
});

type Entry = { partnumber: string; classification: { ncm: string; source: string } | null };
type History = Entry & {
  history: { ncm: string; source: string; status: string; createdBy: string; reviewedBy: string | null }[];
};

const get = (t: TestTenant, path: string) => SELF.fetch(`http://x/v1${path}`, { headers: authHeaders(t) });

describe("GET /v1/partnumbers/:partnumber", () => {
  it("shows the machine answer and the reviewer's override, in order", async () => {
    const [pn] = syntheticPartnumbers(1, "HIST");
    const { jobId, items } = await classifiedJob(member, [pn!]);
    expect(
      (await review(member, `${jobId}.${items[0]!.seq}`, { action: "override", ncm: "85423110" })).status,
    ).toBe(200);
    const res = await get(member, `/partnumbers/${encodeURIComponent(` ${pn!.toLowerCase()} `)}`);
    const body = (await res.json()) as History;
    expect(res.status).toBe(200);
    expect(body.classification).toMatchObject({ ncm: "85423110", source: "human" });
    expect(body.history.map((h) => [h.source, h.status])).toEqual([
      ["ai", "replaced"],
      ["human", "active"],
    ]);
    expect(body.history[0]!.createdBy).toBe(`job:${jobId}`);
    expect(body.history[0]!.reviewedBy).toBe(`api_key:${member.apiKeyId}`);
    expect(body.history[1]!.createdBy).toBe(`api_key:${member.apiKeyId}`);
  });

  it("keeps a slash inside a part number", async () => {
    const pn = `${syntheticPartnumbers(1, "SLSH")[0]}/NOPB`;
    await classifiedJob(member, [pn]);
    const res = await get(member, `/partnumbers/${encodeURIComponent(pn)}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Entry).partnumber).toBe(pn);
  });

  it("is 404 for another tenant's part number", async () => {
    const [pn] = syntheticPartnumbers(1, "PRIV");
    await classifiedJob(member, [pn!]);
    const stranger = await createTenant("admin");
    const res = await get(stranger, `/partnumbers/${encodeURIComponent(pn!)}`);
    expect(res.status).toBe(404);
    expect(
      ((await (await get(stranger, `/partnumbers?query=${pn}`)).json()) as { items: Entry[] }).items,
    ).toEqual([]);
  });
});

describe("GET /v1/partnumbers", () => {
  it("finds part numbers by prefix and by words of their description, page by page", async () => {
    const t = await createTenant("viewer");
    const writer = await createTenant("member");
    const pns = syntheticPartnumbers(3, "LIST");
    const { job } = await createJob(writer, {
      items: [
        { partnumber: pns[0]!, description: "Sensor de pressão absoluta" },
        { partnumber: pns[1]!, description: "Relé de estado sólido" },
        { partnumber: pns[2]!, description: "Sensor óptico" },
      ],
    });
    await waitForFinal(writer, job.id);
    const byPrefix = (await (await get(writer, "/partnumbers?query=list-&limit=2")).json()) as {
      items: Entry[];
      nextCursor: string;
    };
    expect(byPrefix.items).toHaveLength(2);
    const rest = (await (
      await get(writer, `/partnumbers?query=list-&limit=2&cursor=${byPrefix.nextCursor}`)
    ).json()) as {
      items: Entry[];
      nextCursor: string | null;
    };
    expect([...byPrefix.items, ...rest.items].map((i) => i.partnumber)).toEqual([...pns].sort());
    expect(rest.nextCursor).toBeNull();
    const words = (await (await get(writer, "/partnumbers?query=SENSOR pressao")).json()) as {
      items: Entry[];
    };
    expect(words.items.map((i) => i.partnumber)).toEqual([pns[0]]);
    expect(((await (await get(t, "/partnumbers")).json()) as { items: Entry[] }).items).toEqual([]);
  });
});
