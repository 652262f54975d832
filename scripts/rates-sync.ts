/**
 * `npm run tipi:sync -- --from <tipi.xlsx>` loads the TIPI (IPI per NCM and Ex-TIPI line);
 * `npm run tec:sync -- --from <anexos-i-a-x.xlsx>` the import duty (Anexo II applied rate where
 * listed, else the Anexo I TEC). The whole file is parsed first (a bad file changes nothing), then
 * written in one transaction; a second run of the same file changes nothing.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../src/db/schema";
import { readXlsxSheets } from "../src/extract/xlsx";
import { parseTec, parseTipi } from "../src/tipi/parse";
import { syncTec, syncTipi } from "../src/tipi/sync";
import { withScriptDatabase } from "./local/database";

const { values, positionals } = parseArgs({ options: { from: { type: "string" } }, allowPositionals: true });
const table = positionals[0];
if ((table !== "tipi" && table !== "tec") || !values.from) {
  console.error("usage: npm run tipi:sync -- --from <tipi.xlsx> | npm run tec:sync -- --from <TEC.xlsx>");
  process.exit(2);
}

try {
  const sheets = readXlsxSheets(new Uint8Array(await readFile(values.from)));
  const parsed = table === "tipi" ? parseTipi(sheets[0]?.rows ?? []) : parseTec(sheets);
  const result = await withScriptDatabase(async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const db = drizzle(client, { schema });
      return await (table === "tipi"
        ? syncTipi(db, parsed as ReturnType<typeof parseTipi>)
        : syncTec(db, parsed as ReturnType<typeof parseTec>));
    } finally {
      await client.end();
    }
  });
  console.log(
    `${table}: ${result.total} lines from ${values.from} — inserted=${result.inserted} updated=${result.updated}` +
      ` deleted=${result.deleted} unchanged=${result.unchanged}`,
  );
} catch (err) {
  const cause = (err as Error).cause;
  console.error(`${table}:sync failed: ${cause instanceof Error ? cause.message : (err as Error).message}`);
  process.exit(1);
}
