import { getTableColumns, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { fromRaw, recordset } from "../../src/db/recordset";
import { classifications, jobItems } from "../../src/db/schema";
import { fromCatalogRow } from "../../src/domain/classification-pg";
import type { Item } from "../../src/domain/item";
import { OUTCOME_KEYS, toJobItemValues } from "../../src/domain/item-pg";

const item: Item = {
  seq: 1,
  partnumber: "QPG-1-A",
  rawPartnumber: "qpg-1-a",
  description: null,
  manufacturer: null,
  quantity: 2,
  unit: "UN",
  declaredNcm: "85364100",
  country: null,
  occurrences: [{ index: 0, raw: "qpg-1-a" }],
  status: "classified",
  reason: null,
  classification: {
    ncm: "85322410",
    exTipi: null,
    description: "made up",
    manufacturer: null,
    country: null,
    confidence: 0.9,
    rationale: "test",
    source: "rules",
    model: null,
    classificationId: null,
    ipiRate: "NT",
  },
};

describe("the item's Postgres row, mapped once", () => {
  it("writes every job_items column but the job's, the tenant's and the time stamp", () => {
    const values = toJobItemValues(item, null);
    const columns = Object.keys(getTableColumns(jobItems)).filter(
      (k) => !["jobId", "tenantId", "updatedAt"].includes(k),
    );
    expect(Object.keys(values).sort()).toEqual(columns.sort());
    expect(OUTCOME_KEYS.every((k) => k in values)).toBe(true);
    expect(values).toMatchObject({ ipiRate: null, ipiNotTaxed: true, declaredDisagrees: true, unit: "UN" });
  });

  it("names the columns and their SQL types from the drizzle table", () => {
    const rec = recordset(jobItems, [toJobItemValues(item, null)], ["seq", "status", "declaredNcm"]);
    const text = (q: SQL) => new PgDialect().sqlToQuery(q).sql;
    expect(text(rec.names)).toBe('"seq", "status", "declared_ncm"');
    expect(text(rec.from)).toContain('"seq" integer, "status" item_status, "declared_ncm" varchar(8)');
  });

  it("reads a raw catalog row (snake_case, driver strings) as the domain's answer", () => {
    const raw = {
      id: "00000000-0000-4000-8000-000000000009",
      ncm: "85322410",
      ex_tipi: null,
      description: "made up",
      manufacturer: null,
      country: null,
      confidence: "0.75",
      rationale: "earlier",
      source: "ai",
      model: "m",
      created_at: "2026-01-02 03:04:05.678+00",
    };
    const row = fromRaw(classifications, raw);
    expect(row.createdAt).toEqual(new Date("2026-01-02T03:04:05.678Z"));
    expect(fromCatalogRow(row)).toMatchObject({
      source: "catalog",
      confidence: 0.75,
      classificationId: raw.id,
      rationale: "Catalog (earlier ai classification): earlier",
    });
  });
});
