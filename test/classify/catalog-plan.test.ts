import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogQuery, lookupCatalog } from "../../src/classify/catalog";
import { withDb } from "../../src/db/client";
import { createTenant } from "../support/tenants";

/**
 * The catalog look-up of a new tenant, whose tables the planner has no statistics for yet (no
 * ANALYZE here): its cost must follow the part numbers asked for, not the size of the catalog.
 * Runs on the embedded Postgres, and on a server with DATABASE_URL.
 */
const ENTRIES = 5_000;
const ASKED = 50;
let tenantId: string;

beforeAll(async () => {
  tenantId = (await createTenant()).tenantId;
  await withDb(env, async (db) => {
    await db.execute(sql`
      insert into partnumbers (tenant_id, mpn)
      select ${tenantId}::uuid, 'CAT-' || g from generate_series(1, ${ENTRIES}) g`);
    await db.execute(sql`
      insert into classifications (tenant_id, partnumber_id, ncm, confidence, rationale, source, created_by)
      select tenant_id, id, '85423190', 0.9, 'generated', 'ai', 'test' from partnumbers
      where tenant_id = ${tenantId}::uuid`);
  });
});

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}
const flatten = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)];

describe("catalog look-up plan", () => {
  it("reads the catalog by index, a few rows per part number asked, in a 5,000-entry catalog", async () => {
    // Spread over the catalog, plus two it does not hold.
    const asked = [...Array.from({ length: ASKED - 2 }, (_, i) => `CAT-${i * 101 + 7}`), "NOPE-1", "NOPE-2"];
    const plan = await withDb(env, async (db) => {
      const res = await db.execute<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
        sql`explain (analyze, format json) ${catalogQuery(tenantId, asked, { humanOnly: false })}`,
      );
      return res.rows[0]!["QUERY PLAN"][0]!.Plan;
    });
    const scans = flatten(plan).filter((n) =>
      ["partnumbers", "classifications"].includes(n["Relation Name"] ?? ""),
    );
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    // Rows each table access produced or threw away, over all its loops.
    const touched = scans.reduce(
      (sum, n) => sum + (n["Actual Rows"] + (n["Rows Removed by Filter"] ?? 0)) * n["Actual Loops"],
      0,
    );
    expect(touched).toBeLessThanOrEqual(ASKED * 2);
  });

  it("finds the entries asked for and only those", async () => {
    const found = await withDb(env, (db) =>
      lookupCatalog(db, tenantId, ["CAT-1", "CAT-4999", "CAT-1", "NOPE-3"], { humanOnly: false }),
    );
    expect([...found.keys()].sort()).toEqual(["CAT-1", "CAT-4999"]);
    expect(found.get("CAT-1")!.source).toBe("catalog");
    const human = await withDb(env, (db) => lookupCatalog(db, tenantId, ["CAT-1"], { humanOnly: true }));
    expect(human.size).toBe(0);
  });
});
