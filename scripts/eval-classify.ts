/**
 * Measures the offline classifier (rules + NCM candidates) against a labelled CSV, through the real
 * retrieval SQL on a real Postgres: DATABASE_URL if set, else an embedded PGlite started here with
 * the NCM table synced from NCM_SYNC_FILE (default ../shared/data/ncm/ncm.json).
 *
 *   npm run eval:classify -- <labelled.csv> [--half A|B] [--calibrate] [--glossary-overlap]
 *
 * Columns: partnumber, manufacturer, description, hs6 (or hts_code), code, code_system, source_repo.
 * `--half` keeps one of two halves split by source repository (tune on A, report B).
 * `--calibrate` prints measured precision per raw-certainty bin, the table offline.ts reads.
 * `--glossary-overlap` lists the glossary terms found word for word in the file's descriptions
 * (multi-word first), to check that none was lifted from a labelled row.
 * The last line is machine-readable:
 *   classify: hs6=… hs4=… hs2=… coverage=… n=… top10_hs6=… top10_ncm=…
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { MAX_CANDIDATES } from "../src/classify/ai/prompt";
import { type Candidate, candidatesFor, offlineAnswer, rawCertainty } from "../src/classify/offline";
import { classifyByRules, RULES_CONFIDENCE_THRESHOLD } from "../src/classify/rules/index";
import { glossaryOverlap } from "./eval-classify/glossary-overlap";
import { agrees, type Item, loadLabelled, splitHalves } from "./eval-classify/labels";
import { type Answered, reach, rulesReliability } from "./eval-classify/reach";
import { applyMigrations } from "./local/migrate";
import { syncNcmFrom } from "./local/ncm";
import { startEmbeddedPostgres } from "./local/postgres";

interface Scored {
  item: Item & { rules: { ncm: string; confidence: number } | null };
  ncm: string | null;
  confidence: number;
  raw: number;
  fromRules: boolean;
  candidates: Candidate[];
}

const f3 = (n: number) => n.toFixed(3);
const share = (xs: Scored[], ok: (s: Scored) => boolean) =>
  xs.length === 0 ? 0 : xs.filter(ok).length / xs.length;
const inTop = (s: Scored, k: number, digits: number) =>
  s.candidates.slice(0, k).some((c) => agrees(s.item.hs6, c.code, digits));

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  // The shared data sits beside the main checkout (../shared) or beside the worktrees (../../shared).
  const ncmFile = [process.env.NCM_SYNC_FILE, "../shared/data/ncm/ncm.json", "../../shared/data/ncm/ncm.json"]
    .flatMap((p) => (p ? [path.resolve(p)] : []))
    .find((p) => existsSync(p));
  if (!ncmFile) throw new Error("NCM table not found (../shared/data/ncm/ncm.json); set NCM_SYNC_FILE");
  const embedded = await startEmbeddedPostgres({ dataDir: "memory://" });
  try {
    await applyMigrations(embedded.url);
    await syncNcmFrom(embedded.url, ncmFile);
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}

async function score(url: string, items: Item[]): Promise<Scored[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = drizzle(client);
  const out: Scored[] = [];
  try {
    for (let i = 0; i < items.length; i += 100) {
      const batch = items.slice(i, i + 100).map((item) => ({ ...item, rules: classifyByRules(item) }));
      const lists = await candidatesFor(db, batch);
      batch.forEach((it, k) => {
        const candidates = lists[k] ?? [];
        const answer = offlineAnswer(it, candidates, RULES_CONFIDENCE_THRESHOLD);
        out.push({
          item: it,
          ncm: answer?.ncm ?? null,
          confidence: answer?.confidence ?? 0,
          raw: rawCertainty(candidates),
          fromRules: answer !== null && answer === it.rules,
          candidates,
        });
      });
    }
  } finally {
    await client.end();
  }
  return out;
}

function reliability(scored: Scored[]): void {
  console.log("reliability (stated confidence -> measured HS-6 precision):");
  for (let lo = 0; lo < 1; lo += 0.1) {
    const bin = scored.filter((s) => s.ncm && s.confidence >= lo && (s.confidence < lo + 0.1 || lo >= 0.9));
    if (bin.length === 0) continue;
    const p = share(bin, (s) => agrees(s.item.hs6, s.ncm as string, 6));
    console.log(
      `  [${lo.toFixed(1)}, ${(lo + 0.1).toFixed(1)})  n=${String(bin.length).padStart(4)}  hs6=${f3(p)}`,
    );
  }
}

/** Fewest text answers per calibration bin: smaller bins fit the noise of one half. */
const MIN_BIN = 40;

/**
 * Monotone fit of precision on raw certainty (pooled adjacent violators over bins of MIN_BIN
 * answers), printed as the `bins` of src/classify/glossary/calibration.json.
 */
function calibrationBins(scored: Scored[]): void {
  const text = scored.filter((s) => s.ncm && !s.fromRules).sort((a, b) => a.raw - b.raw);
  const blocks: { from: number; ok: number; n: number }[] = [];
  for (let i = 0; i < text.length; i += MIN_BIN) {
    const bin = text.slice(i, i + MIN_BIN);
    const ok = bin.filter((s) => agrees(s.item.hs6, s.ncm as string, 6)).length;
    const last = blocks[blocks.length - 1];
    // A short tail, or a bin starting where the last one did (ties), joins the last bin.
    const from = (bin[0] as Scored).raw;
    if (last && (bin.length < MIN_BIN || from === last.from))
      Object.assign(last, { ok: last.ok + ok, n: last.n + bin.length });
    else blocks.push({ from, ok, n: bin.length });
  }
  for (let i = 0; i + 1 < blocks.length; ) {
    const [a, b] = [blocks[i] as (typeof blocks)[0], blocks[i + 1] as (typeof blocks)[0]];
    if (a.ok / a.n <= b.ok / b.n) i++;
    else {
      blocks.splice(i, 2, { from: a.from, ok: a.ok + b.ok, n: a.n + b.n });
      i = Math.max(0, i - 1);
    }
  }
  console.log(`calibration bins (text answers, monotone, at least ${MIN_BIN} per bin):`);
  for (const b of blocks)
    console.log(`  {"from": ${b.from}, "precision": ${(b.ok / b.n).toFixed(2)}}  n=${b.n}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--") && !/^[AB]$/.test(a));
  if (!file) {
    console.error(
      "usage: npm run eval:classify -- <labelled.csv> [--half A|B] [--calibrate] [--glossary-overlap]",
    );
    process.exit(2);
  }
  const half = args.includes("--half") ? args[args.indexOf("--half") + 1] : undefined;
  let items = loadLabelled(file);
  if (half === "A" || half === "B") items = splitHalves(items)[half];
  if (args.includes("--glossary-overlap")) {
    for (const o of glossaryOverlap(items)) console.log(`  ${o.term}  rows=${o.rows}`);
    return;
  }
  const scored = await withDatabase((url) => score(url, items));

  const confident = scored.filter((s) => s.ncm && s.confidence >= RULES_CONFIDENCE_THRESHOLD);
  const ok = (d: number) => share(confident, (s) => agrees(s.item.hs6, s.ncm as string, d));
  const ncmRows = scored.filter((s) => s.item.codeSystem === "NCM" && s.item.code.length === 8);
  const top10Ncm = share(ncmRows, (s) => s.candidates.slice(0, 10).some((c) => c.code === s.item.code));
  const rulesOnly = scored.filter((s) => s.fromRules);
  console.log(`file: ${file}${half ? ` (half ${half})` : ""}  items: ${scored.length}`);
  console.log(
    `rules at ${RULES_CONFIDENCE_THRESHOLD}: coverage=${f3(rulesOnly.length / Math.max(1, scored.length))} hs6=${f3(share(rulesOnly, (s) => agrees(s.item.hs6, s.ncm as string, 6)))}`,
  );
  console.log(
    `offline answer at ${RULES_CONFIDENCE_THRESHOLD}: coverage=${f3(confident.length / Math.max(1, scored.length))} hs6=${f3(ok(6))}; top-1 over all items hs6=${f3(share(scored, (s) => inTop(s, 1, 6)))}`,
  );
  reliability(scored);
  const answered: Answered[] = scored.map((s) => ({
    hs6: s.item.hs6,
    ncm: s.ncm,
    confidence: s.confidence,
    rules: s.item.rules ?? null,
  }));
  for (const line of rulesReliability(answered)) console.log(line);
  console.log(reach(answered, 0.9));
  for (const k of [1, 3, 5, 10, 20])
    console.log(
      `  top${k}: hs6=${f3(share(scored, (s) => inTop(s, k, 6)))} hs4=${f3(share(scored, (s) => inTop(s, k, 4)))}`,
    );
  console.log(
    `AI ceiling: the right HS-6 is among the ${MAX_CANDIDATES} candidates the prompt lists for ${f3(share(scored, (s) => inTop(s, MAX_CANDIDATES, 6)))} of items`,
  );
  const all = Math.max(0, ...scored.map((s) => s.candidates.length));
  console.log(
    `candidate ceiling: the right HS-6 is among all ${all} candidates kept per item for ${f3(share(scored, (s) => inTop(s, all, 6)))} of items`,
  );
  if (args.includes("--calibrate")) calibrationBins(scored);
  console.log(
    `classify: hs6=${f3(ok(6))} hs4=${f3(ok(4))} hs2=${f3(ok(2))} coverage=${f3(confident.length / Math.max(1, scored.length))} n=${scored.length} top10_hs6=${f3(share(scored, (s) => inTop(s, 10, 6)))} top10_ncm=${ncmRows.length ? f3(top10Ncm) : "n/a"}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
