/**
 * `npm run ncm:sync -- --from <path-or-url>`: loads the official Siscomex NCM JSON into the `ncm`
 * table (upsert; a second run of the same file changes nothing). A bad file changes nothing.
 */
import { parseArgs } from "node:util";
import { withScriptDatabase } from "./local/database";
import { syncNcmFrom } from "./local/ncm";

const { values } = parseArgs({ options: { from: { type: "string" } } });
const from = values.from ?? process.env.NCM_SYNC_URL;
if (!from) {
  console.error("usage: npm run ncm:sync -- --from <path-or-url>");
  process.exit(2);
}

try {
  const result = await withScriptDatabase((url) => syncNcmFrom(url, from));
  console.log(
    `ncm: ${result.total} codes (${result.eightDigit} eight-digit) from ${from}` +
      ` — inserted=${result.inserted} updated=${result.updated} unchanged=${result.unchanged}` +
      (result.version ? ` — ${result.version}` : "") +
      ` — back to review (ncm_expired): ${result.expired.items} item(s) in ${result.expired.jobs} job(s), ${result.expired.classifications} catalog entr(ies)`,
  );
} catch (err) {
  // Query errors carry every bound parameter in their message; the cause says what went wrong.
  const cause = (err as Error).cause;
  console.error(`ncm:sync failed: ${cause instanceof Error ? cause.message : (err as Error).message}`);
  process.exit(1);
}
