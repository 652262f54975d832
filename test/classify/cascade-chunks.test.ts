import { env } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createProviderFromEnv } from "../../src/classify/ai/from-env";
import { runCascade } from "../../src/classify/cascade";
import { withDb } from "../../src/db/client";
import { loadNcmFixture, syntheticPartnumbers } from "../jobs/support/pipeline";

beforeAll(loadNcmFixture);

describe("cascade AI calls per provider chunk", () => {
  it("keeps the answers of the chunks that succeeded when one chunk fails", async () => {
    const base = `${inject("fakeAiUrl")}/s/chunks-${crypto.randomUUID()}`;
    await fetch(`${base}/__control`, {
      method: "POST",
      body: JSON.stringify({ script: ["ok", "500", "ok"] }),
    });
    // 45 parts at 20 per request: three calls, one of which fails.
    const ai = createProviderFromEnv({ ...env, AI_BASE_URL: `${base}/v1` }, { maxBatchSize: 20 });
    const parts = syntheticPartnumbers(45, "CHNK").map((partnumber, i) => ({
      seq: i + 1,
      partnumber,
      description: null,
      manufacturer: null,
    }));
    const { outcomes, error } = await withDb(env, (db) =>
      runCascade({ tenantId: crypto.randomUUID(), reclassify: false, parts }, { db, ai, threshold: 0.7 }),
    );
    expect(error?.status).toBe(500);
    // Two chunks were answered (20 + 20, or 20 + 5): their parts are decided, the failed chunk's are not.
    expect([25, 40]).toContain(outcomes.length);
    expect(new Set(outcomes.map((o) => o.seq)).size).toBe(outcomes.length);
  });
});
