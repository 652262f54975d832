import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { createJob, loadNcmFixture, waitForFinal } from "./support/pipeline";

let owner: TestTenant;
let stranger: TestTenant;
let jobId: string;

beforeAll(async () => {
  await loadNcmFixture();
  owner = await createTenant("member");
  stranger = await createTenant("admin");
  jobId = (await createJob(owner, { partnumbers: ["TENANT-1"] })).job.id;
  await waitForFinal(owner, jobId);
});

describe("tenant isolation", () => {
  it.each([
    ["GET", ""],
    ["GET", "/items"],
    ["GET", "/events"],
    ["GET", "/events?since=1"],
    ["POST", "/cancel"],
  ])("%s /v1/jobs/:id%s of another tenant is 404", async (method, suffix) => {
    const res = await SELF.fetch(`http://x/v1/jobs/${jobId}${suffix}`, {
      method,
      headers: authHeaders(stranger),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("GET /v1/jobs/:id/ws of another tenant is 404", async () => {
    const res = await SELF.fetch(`http://x/v1/jobs/${jobId}/ws`, {
      headers: authHeaders(stranger, { upgrade: "websocket" }),
    });
    expect(res.status).toBe(404);
  });

  it("another tenant's list does not show the job", async () => {
    const res = await SELF.fetch("http://x/v1/jobs?limit=1000", { headers: authHeaders(stranger) });
    const body = (await res.json()) as { jobs: { id: string }[] };
    expect(body.jobs.map((j) => j.id)).not.toContain(jobId);
  });

  it("a malformed or unknown job id is 404 too", async () => {
    for (const id of ["not-a-uuid", crypto.randomUUID()]) {
      const res = await SELF.fetch(`http://x/v1/jobs/${id}`, { headers: authHeaders(owner) });
      expect(res.status).toBe(404);
    }
  });
});
