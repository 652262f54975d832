import { beforeAll, describe, expect, it } from "vitest";
import { itemSchema, toEvidence, toResultView } from "../../src/domain/item";
import { fromSqliteItem, type ItemSqliteRow } from "../../src/domain/item-sqlite";
import { batchMessage } from "../../src/jobs/actor-dispatch";
import { inActor } from "../jobs/support/actor";
import { createJob, loadNcmFixture } from "../jobs/support/pipeline";
import { createTenant, type TestTenant } from "../support/tenants";

let tenant: TestTenant;
beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

const runAt = () => new Date(Date.now() + 3600_000).toISOString();

describe("the item, defined once", () => {
  it("keeps every field through the actor's SQLite and tells the classifier its evidence", async () => {
    const { job } = await createJob(tenant, {
      items: [
        {
          partnumber: "qzr-1010-a",
          description: "made-up relay",
          manufacturer: "Nobody Ltd",
          quantity: 3,
          unit: "PC",
          declaredNcm: "8536.41.00",
          country: "Atlantis",
        },
        { partnumber: "" },
      ],
      options: { runAt: runAt() },
    });
    const { items, message } = await inActor(job.id, (core) => ({
      items: core.sql.exec<ItemSqliteRow>("SELECT * FROM items ORDER BY seq").toArray().map(fromSqliteItem),
      message: batchMessage(core.sql, core.s, "b1"),
    }));
    for (const item of items) expect(itemSchema.parse(item)).toEqual(item);
    expect(items[0]).toEqual({
      seq: 1,
      partnumber: "QZR-1010-A",
      rawPartnumber: "qzr-1010-a",
      description: "made-up relay",
      manufacturer: "Nobody Ltd",
      quantity: 3,
      unit: "PC",
      declaredNcm: "85364100",
      country: "Atlantis",
      occurrences: [{ index: 0, raw: "qzr-1010-a", quantity: 3 }],
      status: "pending",
      reason: null,
      classification: null,
    });
    expect(items[1]).toMatchObject({ status: "invalid", unit: null, declaredNcm: null, country: null });
    expect(message.parts).toEqual([toEvidence(items[0]!)]);
    expect(message.parts[0]).toMatchObject({ declaredNcm: "85364100", country: "Atlantis" });
    expect(toResultView(job.id, items[0]!)).toEqual({
      id: `${job.id}.1`,
      seq: 1,
      partnumber: "QZR-1010-A",
      status: "pending",
      reason: null,
      classification: null,
    });
  });
});
