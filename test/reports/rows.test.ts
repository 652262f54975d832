import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { jobItems } from "../../src/db/schema";
import { loadReportRows } from "../../src/reports";
import { createTenant } from "../support/tenants";
import { finishedJob } from "./support/jobs";

describe("report rows", () => {
  // All of a job's rows are held in memory while its reports render: what no report prints stays out.
  it("are read without the NCM candidates, ids and timestamps", async () => {
    const t = await createTenant();
    const id = await finishedJob(t);
    const candidates = [{ code: "85412100", description: "Transistores", score: 0.9, sources: ["fts"] }];
    await withDb(env, (db) => db.update(jobItems).set({ candidates }).where(eq(jobItems.jobId, id)));
    const rows = await withDb(env, (db) => loadReportRows(db, t.tenantId, id));
    expect(rows.map((r) => r.partnumber)).toEqual(["BC547B", "XYZ-1"]);
    for (const key of ["candidates", "jobId", "tenantId", "classificationId", "updatedAt"])
      expect(Object.keys(rows[0]!)).not.toContain(key);
  });
});
