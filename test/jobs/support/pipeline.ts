import { env, SELF } from "cloudflare:test";
import { expect, inject } from "vitest";
import { withDb } from "../../../src/db/client";
import { ncm } from "../../../src/db/schema";
import type { JobView } from "../../../src/shared/jobs";
import { isFinalStatus } from "../../../src/shared/jobs";
import { authHeaders, type TestTenant } from "../../support/tenants";
import { NCM_FIXTURE } from "./ncm-fixture";

/** Loads the NCM fixture (idempotent), so the cascade can validate the codes it stores. */
export async function loadNcmFixture(): Promise<void> {
  await withDb(env, async (db) => {
    await db
      .insert(ncm)
      .values(
        NCM_FIXTURE.map(([code, description]) => ({ code, description, level: 8, parent: code.slice(0, 6) })),
      )
      .onConflictDoNothing();
  });
}

export interface Created {
  job: JobView;
  links: { self: string; items: string; events: string; websocket: string };
}

export function postJob(
  tenant: TestTenant,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return SELF.fetch("http://x/v1/jobs", {
    method: "POST",
    headers: authHeaders(tenant, { "content-type": "application/json", ...headers }),
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function createJob(
  tenant: TestTenant,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Created> {
  const res = await postJob(tenant, body, headers);
  const json = (await res.json()) as Created;
  expect(res.status, JSON.stringify(json)).toBe(202);
  return json;
}

export async function getJob(tenant: TestTenant, id: string): Promise<JobView> {
  const res = await SELF.fetch(`http://x/v1/jobs/${id}`, { headers: authHeaders(tenant) });
  expect(res.status).toBe(200);
  return (await res.json()) as JobView;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the job reaches a final status (the test timeout bounds the wait; nothing is timed). */
export async function waitForFinal(tenant: TestTenant, id: string): Promise<JobView> {
  for (;;) {
    const job = await getJob(tenant, id);
    if (isFinalStatus(job.status)) return job;
    await sleep(100);
  }
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>): Promise<T> {
  for (;;) {
    const v = await probe();
    if (v) return v;
    await sleep(50);
  }
}

export interface ItemJson {
  seq: number;
  partnumber: string;
  status: string;
  reason: string | null;
  occurrences: unknown[];
  classification: { ncm: string; source: string; confidence: number; rationale: string } | null;
}

/** Every item of the job, following nextCursor. */
export async function allItems(tenant: TestTenant, id: string, query = ""): Promise<ItemJson[]> {
  const items: ItemJson[] = [];
  let cursor: string | null = null;
  do {
    const qs = new URLSearchParams(query);
    qs.set("limit", "1000");
    if (cursor) qs.set("cursor", cursor);
    const res = await SELF.fetch(`http://x/v1/jobs/${id}/items?${qs}`, { headers: authHeaders(tenant) });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: ItemJson[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The Worker's session on the fake AI server (vitest.config.mts points AI_BASE_URL at it). */
const fakeAi = `${inject("fakeAiUrl")}/s/worker`;

export const ai = {
  async control(body: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${fakeAi}/__control`, { method: "POST", body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  },
  async reset(): Promise<void> {
    await fetch(`${fakeAi}/__reset`, { method: "POST" });
  },
  async stats(): Promise<{ requests: number; parts: number; byOutcome: Record<string, number> }> {
    return (await (await fetch(`${fakeAi}/__stats`)).json()) as never;
  },
};

/**
 * Synthetic part numbers no rule recognises (a made-up family with a random-looking suffix), so
 * they go to the AI; deterministic per index.
 */
export function syntheticPartnumbers(n: number, prefix = "ZQX"): string[] {
  return Array.from(
    { length: n },
    (_, i) => `${prefix}-${(i * 7919 + 104729).toString(36).toUpperCase()}-${i}`,
  );
}
