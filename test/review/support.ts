import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import type { JobEvent } from "../../src/shared/frames";
import { ai, allItems, createJob, type ItemJson, waitForFinal } from "../jobs/support/pipeline";
import { authHeaders, type TestTenant } from "../support/tenants";

export interface ReviewItemJson extends ItemJson {
  id: string;
  jobId: string;
  classificationId: string | null;
  candidates: { code: string; description: string }[];
  origin: { jobId: string; document: string | null; occurrences: unknown[] };
  human: { ncm: string; source: string } | null;
}

/** A finished job whose every item the AI answers with a code outside the NCM table: all end needs_review. */
export async function jobNeedingReview(
  t: TestTenant,
  items: { partnumber: string; description?: string }[],
): Promise<{ jobId: string; items: ItemJson[] }> {
  await ai.control({ script: ["invalid_ncm", "invalid_ncm", "invalid_ncm", "invalid_ncm"] });
  const { job } = await createJob(t, { items });
  const done = await waitForFinal(t, job.id);
  await ai.reset();
  expect(done.counts.needs_review).toBe(items.length);
  return { jobId: job.id, items: await allItems(t, job.id) };
}

/** A finished job the fake AI classifies (85423190 when the part has no candidates). */
export async function classifiedJob(t: TestTenant, partnumbers: string[]) {
  const { job } = await createJob(t, { partnumbers });
  const done = await waitForFinal(t, job.id);
  expect(done.counts.classified).toBe(partnumbers.length);
  return { jobId: job.id, items: await allItems(t, job.id) };
}

export function review(t: TestTenant, itemId: string, body: unknown): Promise<Response> {
  return SELF.fetch(`http://x/v1/items/${encodeURIComponent(itemId)}/review`, {
    method: "POST",
    headers: authHeaders(t, { "content-type": "application/json" }),
    body: JSON.stringify(body),
  });
}

export async function queue(
  t: TestTenant,
  query: string,
): Promise<{ items: ReviewItemJson[]; nextCursor: string | null }> {
  const res = await SELF.fetch(`http://x/v1/review?${query}`, { headers: authHeaders(t) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as never;
}

export async function events(t: TestTenant, jobId: string): Promise<JobEvent[]> {
  const res = await SELF.fetch(`http://x/v1/jobs/${jobId}/events`, { headers: authHeaders(t) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: JobEvent[] }).events;
}
