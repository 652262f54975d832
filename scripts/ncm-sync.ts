/**
 * `npm run ncm:sync -- --from <path-or-url>`: loads the official Siscomex NCM JSON into the `ncm`
 * table (upsert; a second run of the same file changes nothing). A bad file changes nothing.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../src/db/schema";
import { NcmFileError, parseNcmText } from "../src/ncm/parse";
import { syncNcmTable } from "../src/ncm/sync";
import { withScriptDatabase } from "./local/database";

const { values } = parseArgs({ options: { from: { type: "string" } } });
const from = values.from ?? process.env.NCM_SYNC_URL;
if (!from) {
  console.error("usage: npm run ncm:sync -- --from <path-or-url>");
  process.exit(2);
}

async function load(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new NcmFileError(`GET ${source} answered ${res.status}.`);
    return res.text();
  }
  return readFile(source, "utf8");
}

try {
  const table = parseNcmText(await load(from));
  const result = await withScriptDatabase(async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await syncNcmTable(drizzle(client, { schema }), table);
    } finally {
      await client.end();
    }
  });
  console.log(
    `ncm: ${result.total} codes (${result.eightDigit} eight-digit) from ${from}` +
      ` — inserted=${result.inserted} updated=${result.updated} unchanged=${result.unchanged}` +
      (result.version ? ` — ${result.version}` : ""),
  );
} catch (err) {
  console.error(`ncm:sync failed: ${(err as Error).message}`);
  process.exit(1);
}
