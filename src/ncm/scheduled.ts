import { withDb } from "../db/client";
import type { Bindings } from "../lib/env";
import { errorFields, log } from "../lib/logger";
import { notifyExpiredActors } from "../review/expire-actors";
import { parseNcmText } from "./parse";
import { syncNcmTable } from "./sync";

/** The daily cron: fetch the official table from NCM_SYNC_URL and upsert it. */
export async function syncNcmFromUrl(env: Bindings): Promise<void> {
  const url = env.NCM_SYNC_URL?.trim();
  if (!url) {
    log("info", "ncm sync skipped: NCM_SYNC_URL is empty");
    return;
  }
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
    const table = parseNcmText(await res.text());
    const { expired, ...result } = await withDb(env, (db) => syncNcmTable(db, table));
    // Running jobs' actors learn which of their items went back to review (their counts, their clients).
    const actorsTold = await notifyExpiredActors(env, expired.touched);
    const { touched: _, ...expiredCounts } = expired;
    log("info", "ncm sync done", { ...result, expired: expiredCounts, actorsTold });
  } catch (err) {
    log("error", "ncm sync failed", errorFields(err));
    throw err;
  }
}
