/**
 * Measures the rules classifier against a labelled CSV of part numbers with HS codes.
 *
 *   npx tsx scripts/eval-classify.ts /work/shared/data/hts-labels/ALL_labeled_dedup.csv
 *
 * Columns used: partnumber, manufacturer, description, hs6 (or hts_code when hs6 is absent);
 * any others are ignored. Labels are foreign tariff codes (US HTS), so only the first 6 digits
 * (the international HS code) are compared. Agreement is computed over the items classified at
 * or above RULES_CONFIDENCE_THRESHOLD; coverage is the share of items that reached it.
 * The last line is machine-readable:
 *   classify: hs6=<0..1> hs4=<0..1> hs2=<0..1> coverage=<0..1> n=<count>
 */
import { readFileSync } from "node:fs";
import { classifyByRules, RULES_CONFIDENCE_THRESHOLD } from "../src/classify/rules/index";
import { parseCsv } from "../src/extract/csv";

interface Item {
  partnumber: string;
  manufacturer: string;
  description: string;
  hs6: string;
}

/**
 * HS 2022 split 8541.40 (photosensitive devices incl. LEDs) into 8541.41-8541.49. Labels from
 * distributors still on HS 2017 say 854140; the NCM table (HS 2022) has no such subheading, so
 * a prediction in its successors counts as agreeing.
 */
const HS_EDITION_SUCCESSORS: Record<string, string[]> = {
  "854140": ["854141", "854142", "854143", "854149"],
};

function agrees(label: string, predicted: string, digits: number): boolean {
  if (label.slice(0, digits) === predicted.slice(0, digits)) return true;
  if (digits === 6) return (HS_EDITION_SUCCESSORS[label] ?? []).includes(predicted.slice(0, 6));
  return false;
}

function load(path: string): Item[] {
  const [header, ...rows] = parseCsv(readFileSync(path, "utf8").replace(/^\uFEFF/, ""), ",");
  if (!header) throw new Error(`${path}: empty CSV`);
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const iPn = col("partnumber");
  const iMf = col("manufacturer");
  const iDesc = col("description");
  const iHs6 = col("hs6");
  const iHts = col("hts_code");
  if (iPn < 0 || (iHs6 < 0 && iHts < 0))
    throw new Error(`${path}: needs partnumber and hs6 (or hts_code) columns`);
  const items: Item[] = [];
  for (const r of rows) {
    const hs = ((iHs6 >= 0 ? r[iHs6] : undefined) || (iHts >= 0 ? r[iHts] : "") || "")
      .replace(/\D/g, "")
      .slice(0, 6);
    const partnumber = (r[iPn] ?? "").trim().replace(/\s+/g, " ");
    if (!partnumber || hs.length !== 6) continue;
    items.push({
      partnumber,
      manufacturer: iMf >= 0 ? (r[iMf] ?? "") : "",
      description: iDesc >= 0 ? (r[iDesc] ?? "") : "",
      hs6: hs,
    });
  }
  return items;
}

interface Scored {
  item: Item;
  ncm: string | null;
  confidence: number;
  rationale: string;
}

interface Metrics {
  n: number;
  classified: number;
  hs6: number;
  hs4: number;
  hs2: number;
  coverage: number;
}

function metrics(scored: Scored[]): Metrics {
  const above = scored.filter((s) => s.ncm !== null && s.confidence >= RULES_CONFIDENCE_THRESHOLD);
  const share = (digits: number) =>
    above.length === 0
      ? 0
      : above.filter((s) => agrees(s.item.hs6, s.ncm as string, digits)).length / above.length;
  return {
    n: scored.length,
    classified: above.length,
    hs6: share(6),
    hs4: share(4),
    hs2: share(2),
    coverage: scored.length === 0 ? 0 : above.length / scored.length,
  };
}

/** The labelled set repeats product lines (100 heat-shrink SKUs); one row per (code, description family). */
function familyKey(item: Item): string {
  const words = item.description
    .toLowerCase()
    .replace(/[^a-z\u00c0-\u017f ]+/g, " ")
    .split(/\s+/)
    .filter((w) => w.length > 2)
    .slice(0, 3);
  return `${item.hs6}|${words.join(" ")}`;
}

const f3 = (n: number) => n.toFixed(3);

function main(): void {
  const path = process.argv[2];
  if (!path) {
    console.error("usage: npx tsx scripts/eval-classify.ts <labelled.csv>");
    process.exit(2);
  }
  const items = load(path);
  const t0 = performance.now();
  const scored: Scored[] = items.map((item) => {
    const c = classifyByRules({
      partnumber: item.partnumber,
      manufacturer: item.manufacturer,
      description: item.description,
    });
    return { item, ncm: c?.ncm ?? null, confidence: c?.confidence ?? 0, rationale: c?.rationale ?? "" };
  });
  const coldMs = performance.now() - t0;
  // A second pass measures steady state (the first includes regex compilation and JIT warm-up).
  const t1 = performance.now();
  for (const { item } of scored) classifyByRules(item);
  const ms = performance.now() - t1;

  const m = metrics(scored);
  const none = scored.filter((s) => s.ncm === null).length;
  const low = scored.length - m.classified - none;
  console.log(`file: ${path}`);
  console.log(
    `items: ${m.n}  classified >= ${RULES_CONFIDENCE_THRESHOLD}: ${m.classified}  below threshold: ${low}  no rule fired: ${none}`,
  );
  console.log(
    `speed: ${Math.round((scored.length / Math.max(ms, 0.001)) * 1000)} parts/s warm (first pass ${coldMs.toFixed(1)} ms)`,
  );

  const seen = new Set<string>();
  const dedup = scored.filter((s) => {
    const k = familyKey(s.item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const d = metrics(dedup);
  console.log(
    `family-deduplicated (${d.n} rows, one per code + description family): hs6=${f3(d.hs6)} hs4=${f3(d.hs4)} hs2=${f3(d.hs2)} coverage=${f3(d.coverage)}`,
  );

  const above = scored.filter((s) => s.ncm !== null && s.confidence >= RULES_CONFIDENCE_THRESHOLD);
  const confusions = new Map<string, Scored[]>();
  for (const s of above) {
    if (agrees(s.item.hs6, s.ncm as string, 6)) continue;
    const k = `${s.item.hs6} -> ${(s.ncm as string).slice(0, 6)}`;
    confusions.set(k, [...(confusions.get(k) ?? []), s]);
  }
  const worst = [...confusions.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, 8);
  console.log(
    worst.length
      ? "worst confusions above threshold (label hs6 -> predicted hs6):"
      : "no confusions above threshold",
  );
  for (const [k, list] of worst) {
    const ex = list[0] as Scored;
    console.log(
      `  ${String(list.length).padStart(3)}  ${k}  e.g. ${ex.item.partnumber} "${ex.item.description.slice(0, 60)}" (${ex.confidence})`,
    );
  }
  const hs4Miss = above.filter((s) => !agrees(s.item.hs6, s.ncm as string, 4)).length;
  console.log(
    `above-threshold items wrong at HS-4: ${hs4Miss}; hs6 counts HS 2017 label 854140 as agreeing with its HS 2022 successors 8541.41-49`,
  );
  const strict =
    above.filter((s) => s.item.hs6 === (s.ncm as string).slice(0, 6)).length / Math.max(above.length, 1);
  console.log(`hs6 without that edition mapping: ${f3(strict)}`);

  console.log(
    `classify: hs6=${f3(m.hs6)} hs4=${f3(m.hs4)} hs2=${f3(m.hs2)} coverage=${f3(m.coverage)} n=${m.n}`,
  );
}

main();
