import { env } from "cloudflare:test";
import { withDb } from "../../../src/db/client";
import { jobItems, jobs } from "../../../src/db/schema";
import type { TestTenant } from "../../support/tenants";

/** A finished job written straight to Postgres, so these tests exercise only the report route. */
export async function finishedJob(t: TestTenant, status: "completed" | "classifying" = "completed") {
  const id = crypto.randomUUID();
  await withDb(env, async (db) => {
    await db.insert(jobs).values({ id, tenantId: t.tenantId, status, sourceKind: "list", total: 2 });
    await db.insert(jobItems).values([
      {
        jobId: id,
        seq: 1,
        tenantId: t.tenantId,
        partnumber: "BC547B",
        rawPartnumber: "bc547b",
        status: "classified",
        ncm: "85412100",
        confidence: 0.9,
        rationale: "r",
        source: "rules",
      },
      {
        jobId: id,
        seq: 2,
        tenantId: t.tenantId,
        partnumber: "XYZ-1",
        rawPartnumber: "XYZ-1",
        status: "needs_review",
        reason: "low confidence",
      },
    ]);
  });
  return id;
}
