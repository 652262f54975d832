import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { regenerateReports } from "../../src/reports";
import { createJob, loadNcmFixture, waitFor, waitForFinal } from "../jobs/support/pipeline";
import { createTenant } from "../support/tenants";
import { finishedJob } from "./support/jobs";

const KINDS = [
  "classifications.csv",
  "classifications.pt-BR.csv",
  "classifications.xlsx",
  "classifications.pdf",
];

describe("reports stored when a job is final", () => {
  it("are written to R2 under reports/<tenant>/<job>/ once the job ends", async () => {
    await loadNcmFixture();
    const t = await createTenant();
    const { job } = await createJob(t, { partnumbers: ["BC547B", "1N4148"] });
    expect((await waitForFinal(t, job.id)).status).toMatch(/^completed/);
    const listed = await waitFor(async () => {
      const list = await env.FILES.list({ prefix: `reports/${t.tenantId}/${job.id}/` });
      return list.objects.length === KINDS.length && list.objects;
    });
    expect(listed.map((o) => o.key.split("/").pop()).sort()).toEqual([...KINDS].sort());
  });

  it("are rendered again by regenerateReports (after a review change)", async () => {
    const t = await createTenant();
    const id = await finishedJob(t);
    const keys = await regenerateReports(env, t.tenantId, id);
    expect(keys.map((k) => k.split("/").pop()).sort()).toEqual([...KINDS].sort());
    const first = await env.FILES.head(keys[0]!);
    const again = await regenerateReports(env, t.tenantId, id);
    expect(again).toEqual(keys);
    expect((await env.FILES.head(keys[0]!))!.uploaded.getTime()).toBeGreaterThanOrEqual(
      first!.uploaded.getTime(),
    );
    // A job that is not final has no stored report.
    const running = await finishedJob(t, "classifying");
    expect(await regenerateReports(env, t.tenantId, running)).toEqual([]);
  });
});
