/**
 * Document → NCM, end to end without the AI: extracts each labelled PDF in <dir> and classifies
 * every part found with the rules classifier, using the description and manufacturer the extractor
 * carried with it; compares with the truth items' HS-6 (`items[].hs6`).
 *   npx tsx scripts/eval-documents.ts /work/shared/corpus/pdf-dev
 * Last line: `documents: hs6=<0..1> hs4=<0..1> coverage=<0..1> n=<items>` (agreement over the items
 * classified at or above the threshold; coverage = their share of the matched items).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { classifyByRules, RULES_CONFIDENCE_THRESHOLD } from "../src/classify/rules/index";
import { extractPdf } from "../src/extract/index";
import { normalizePartnumber } from "../src/jobs/normalize";

interface TruthItem {
  partnumber: string;
  hs6?: string;
}

const key = (s: string) => s.replace(/\s+/g, "").toUpperCase();
const fmt = (num: number, den: number) => (den === 0 ? "1.000" : (num / den).toFixed(3));

const dir = process.argv[2];
if (!dir) {
  console.error("usage: npx tsx scripts/eval-documents.ts <dir>");
  process.exit(2);
}
let matched = 0;
let covered = 0;
let hs6 = 0;
let hs4 = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith(".truth.json"))) {
  const truth = JSON.parse(readFileSync(join(dir, file), "utf8")) as { items?: TruthItem[] };
  const labelled = (truth.items ?? []).filter((t) => t.hs6);
  if (labelled.length === 0) continue;
  const { items } = await extractPdf(
    new Uint8Array(readFileSync(join(dir, file.replace(".truth.json", ".pdf")))),
  );
  const found = new Map(items.map((i) => [key(i.partnumber), i]));
  for (const t of labelled) {
    const item = found.get(key(t.partnumber));
    if (!item) continue;
    matched++;
    // The same normalization a job applies before the cascade sees the part.
    const c = classifyByRules({
      partnumber: normalizePartnumber(item.partnumber),
      description: item.description ?? null,
      manufacturer: item.manufacturer ?? null,
    });
    if (!c || c.confidence < RULES_CONFIDENCE_THRESHOLD) continue;
    covered++;
    if (c.ncm.slice(0, 6) === t.hs6) hs6++;
    if (c.ncm.slice(0, 4) === t.hs6!.slice(0, 4)) hs4++;
  }
}
console.log(
  `documents: hs6=${fmt(hs6, covered)} hs4=${fmt(hs4, covered)} coverage=${fmt(covered, matched)} n=${matched}`,
);
