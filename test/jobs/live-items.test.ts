import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptReport } from "../../src/jobs/actor-intake";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { answer, inActor } from "./support/actor";
import { createJob, loadNcmFixture } from "./support/pipeline";

let tenant: TestTenant;
beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

const listed = async (jobId: string) => {
  const res = await SELF.fetch(`http://x/v1/jobs/${jobId}/items`, { headers: authHeaders(tenant) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Record<string, unknown>[] }).items;
};

describe("a running job's items, listed from its actor", () => {
  it("show what the line prints and the whole answer, as Postgres shows them once final", async () => {
    const runAt = new Date(Date.now() + 3600_000).toISOString();
    const { job } = await createJob(tenant, {
      items: [{ partnumber: "QLV-2020-X", unit: "PC", declaredNcm: "8536.41.00", country: "Atlantis" }],
      options: { runAt },
    });
    const candidates = [{ code: "85322410", description: "made up", score: 0.8, sources: ["text"] }];
    await inActor(job.id, (core) => {
      const a = answer(1);
      acceptReport(
        core,
        "b1",
        [{ ...a, classification: { ...a.classification, ipiRate: 5, candidates } }],
        undefined,
      );
    });
    const [item] = await listed(job.id);
    expect(item).toMatchObject({ unit: "PC", declaredNcm: "85364100", country: "Atlantis" });
    expect(item!.classification).toEqual({
      ncm: "85322410",
      exTipi: null,
      description: "made-up part",
      manufacturer: null,
      country: null,
      confidence: 0.9,
      rationale: "test",
      source: "rules",
      ipiRate: 5,
      iiRate: null,
      declaredNcm: "85364100",
      declaredDisagrees: true,
      candidates,
    });
  });
});
