import { readFile } from "node:fs/promises";
import { count } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../../src/db/schema";
import { NcmFileError, parseNcmText } from "../../src/ncm/parse";
import { type NcmSyncResult, syncNcmTable } from "../../src/ncm/sync";

/** The official table's text, from a URL or a local file. */
export async function loadNcmSource(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new NcmFileError(`GET ${source} answered ${res.status}.`);
    return res.text();
  }
  return readFile(source, "utf8");
}

async function withClient<T>(url: string, fn: (db: NodePgDatabase<typeof schema>) => Promise<T>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(drizzle(client, { schema }));
  } finally {
    await client.end();
  }
}

/** Parses the whole file first (a bad file changes nothing), then upserts it. */
export async function syncNcmFrom(url: string, source: string): Promise<NcmSyncResult> {
  const table = parseNcmText(await loadNcmSource(source));
  return withClient(url, (db) => syncNcmTable(db, table));
}

export async function ncmRowCount(url: string): Promise<number> {
  return withClient(url, async (db) => (await db.select({ n: count() }).from(schema.ncm))[0]?.n ?? 0);
}
