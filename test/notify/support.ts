import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { expect, inject } from "vitest";
import { withDb } from "../../src/db/client";
import { users } from "../../src/db/schema";
import { waitFor } from "../jobs/support/pipeline";
import { authHeaders, createUser, type TestTenant } from "../support/tenants";

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

/** A fresh name on the test webhook receiver: `<url>/<name>/ok` answers 200, `/fail` 500. */
export function receiverPath(mode: "ok" | "fail"): { name: string; url: string } {
  const name = `r${crypto.randomUUID().slice(0, 8)}`;
  return { name, url: `${inject("webhookReceiverUrl")}/${name}/${mode}` };
}

export async function received(name: string): Promise<Received[]> {
  return (await (await fetch(`${inject("webhookReceiverUrl")}/${name}`)).json()) as Received[];
}

export async function createWebhook(t: TestTenant, url: string, events: string[]) {
  const res = await SELF.fetch("http://x/v1/webhooks", {
    method: "POST",
    headers: authHeaders(t, { "content-type": "application/json" }),
    body: JSON.stringify({ url, events }),
  });
  const body = (await res.json()) as { id: string; secret: string; url: string; events: string[] };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

export interface DeliveryJson {
  id: string;
  event: string;
  status: string;
  attempts: Array<{ attempt: number; statusCode: number | null; error: string | null }>;
}

export async function deliveries(t: TestTenant, webhookId: string): Promise<DeliveryJson[]> {
  const res = await SELF.fetch(`http://x/v1/webhooks/${webhookId}/deliveries`, { headers: authHeaders(t) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: DeliveryJson[] }).items;
}

/** Verifies `Partwise-Signature: t=…,v1=…` against the raw body, as a receiver would. */
export async function verifySignature(secret: string, header: string, body: string): Promise<boolean> {
  const m = header.match(/^t=(\d+),v1=([0-9a-f]{64})$/);
  if (!m) return false;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const sig = new Uint8Array(m[2]!.match(/../g)!.map((h) => Number.parseInt(h, 16)));
  return crypto.subtle.verify("HMAC", key, sig, new TextEncoder().encode(`${m[1]}.${body}`));
}

export interface MailFile {
  file: string;
  to: string;
  subject: string;
  raw: string;
}

/** The .eml files the local mail sink wrote for `to` (read back from disk by the sink). */
export async function mailsTo(to: string): Promise<MailFile[]> {
  return (await (await fetch(`${inject("mailSinkUrl")}?to=${encodeURIComponent(to)}`)).json()) as MailFile[];
}

export function decodeSubject(s: string): string {
  return s.replace(/=\?UTF-8\?B\?([^?]+)\?=/g, (_, b64: string) =>
    new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))),
  );
}

export function mailText(raw: string): string {
  const body = raw.split("\r\n\r\n").slice(1).join("\r\n\r\n").replace(/\s+/g, "");
  return new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)));
}

/** A user of the tenant opted in to job and/or summary e-mail. */
export async function optedInUser(t: TestTenant, opts: { jobs?: boolean; summary?: boolean }) {
  const user = await createUser(t, "member");
  await withDb(env, (db) =>
    db
      .update(users)
      .set({ emailJobEvents: opts.jobs ?? false, emailDailySummary: opts.summary ?? false })
      .where(eq(users.id, user.userId)),
  );
  return user;
}

export { waitFor };
