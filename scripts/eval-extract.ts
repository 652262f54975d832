/**
 * Measures PDF part-number extraction against labelled documents.
 *   npx tsx scripts/eval-extract.ts <dir> [--baseline <dir with an older src/extract>] [--split A|B]
 * --split keeps one half of the documents, split by an FNV-1a hash of the file name (even: A, odd:
 * B), fixed before anyone looks at the results: tune on A, report B as held out.
 * Speed: every document is read once before scoring, the first alone (it loads pdf.js), then a cold
 * and a warm half (scripts/local/pdf-reads.ts); pages/s are printed for all after the first, each
 * half, next to pdftotext (process per file) reading each file right after partwise.
 * With --baseline, the older extractor reads every document next to this one, in the same run,
 * and the pages/s of both are printed with their ratio (e.g. `git archive <commit> src | tar -x -C
 * /tmp/base && ln -s $PWD/node_modules /tmp/base/node_modules`).
 * Documents are grouped by their true kind (bom / purchase_order / invoice / danfe / other): the
 * corpus manifest's template or the file name (the eval may know the corpus; the extractor may not);
 * each group also counts how often the extractor's own `kind` agreed (`detected=`).
 * Every NAME.pdf with a NAME.truth.json beside it is scored: {"partnumbers": [...]} lists the
 * expected MPNs; {"no_text_layer": true} / {"corrupt": true} expect a pdf_no_text / pdf_corrupt error.
 * Part numbers are compared ignoring case and all whitespace; totals are micro-averaged.
 *
 * For truth items matched by part number, the fields the classifier reads are scored too, each only
 * where the document can supply it (the truth may hold catalogue text or a canonical name that is
 * never printed):
 * - description: counted when ≥ 90 % of the truth description's tokens occur in the document text
 *   (one- and two-word descriptions only when a text item starts with them as whole words);
 *   agrees when the token sets (NFKC, lower case, letters/digits) have Jaccard ≥ 0.6, or when the
 *   extracted tokens are all in the truth and cover at least half of it (noise fields stripped).
 * - manufacturer: counted when the truth name, reduced to letters and digits, occurs in the
 *   document text so reduced; agrees when either reduced name contains the other.
 * - quantity: counted when the truth has a number; agrees on exact equality.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { extractPdf } from "../src/extract/index";
import type { ExtractedItem } from "../src/extract/types";
import {
  documentText,
  emptyScore,
  type FieldScore,
  fieldLine,
  fmt,
  key,
  ratio,
  scoreFields,
  type Truth,
} from "./local/eval-fields";
import { readAll, speedLines, type Tally } from "./local/pdf-reads";

type Kind = "bom" | "purchase_order" | "invoice" | "danfe" | "other";
const KINDS: Kind[] = ["bom", "purchase_order", "invoice", "danfe", "other"];
const TEMPLATE_KIND: Record<string, Kind> = {
  dist_invoice: "invoice",
  pedido_compra: "purchase_order",
  kicad_bom: "bom",
  quotation_letter: "other",
  packing_list_wrap: "other",
  catalog_2col: "other",
};

function kindOf(name: string, templates: Map<string, string>): Kind {
  const template = templates.get(name);
  if (template && TEMPLATE_KIND[template]) return TEMPLATE_KIND[template]!;
  if (/danfe/.test(name)) return "danfe";
  if (/(^|_)po(_|$)|purchase|pedido/.test(name)) return "purchase_order";
  if (/invoice|nfse|quote/.test(name)) return "invoice";
  if (/bom/.test(name)) return "bom";
  return "other";
}

function manifestTemplates(dir: string): Map<string, string> {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as
      | { documents?: { file?: string; name?: string; template?: string }[] }
      | { file?: string; name?: string; template?: string }[];
    const files = Array.isArray(manifest) ? manifest : (manifest.documents ?? []);
    return new Map(
      files.flatMap((f) => {
        const file = (f.file ?? f.name ?? "").replace(/\.pdf$/i, "");
        return file && f.template ? [[file, f.template] as [string, string]] : [];
      }),
    );
  } catch {
    return new Map();
  }
}

/** The half of the corpus a document belongs to, by an FNV-1a hash of its name. */
export function splitOf(name: string): "A" | "B" {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name)) h = Math.imul(h ^ byte, 16777619) >>> 0;
  return h % 2 === 0 ? "A" : "B";
}

interface Counts {
  /** Documents whose detected kind (packing lists count as other) equals the true one. */
  detected: number;
  tp: number;
  fp: number;
  fn: number;
  docs: number;
  fields: FieldScore;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const b = args.indexOf("--baseline");
  const baselineDir = b >= 0 ? args.splice(b, 2)[1] : undefined;
  const sp = args.indexOf("--split");
  const split = sp >= 0 ? args.splice(sp, 2)[1]?.toUpperCase() : undefined;
  if (split !== undefined && split !== "A" && split !== "B") {
    console.error("--split takes A or B");
    process.exit(2);
  }
  const dir = args[0];
  if (!dir) {
    console.error("usage: npx tsx scripts/eval-extract.ts <dir> [--baseline <dir>] [--split A|B]");
    process.exit(2);
  }
  const baseline: typeof extractPdf | null = baselineDir
    ? ((await import(resolve(baselineDir, "src/extract/index.ts"))) as { extractPdf: typeof extractPdf })
        .extractPdf
    : null;
  const templates = manifestTemplates(dir);
  const byKind = new Map<Kind, Counts>();
  const names = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".pdf"))
    .map((f) => f.slice(0, -4))
    .filter((n) => readdirSync(dir).includes(`${n}.truth.json`))
    .filter((n) => !split || splitOf(n) === split)
    .sort();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let docs = 0;
  let specials = 0;
  let specialsOk = 0;
  // Every document is read once, timed (cold half, then warm half: scripts/local/pdf-reads.ts), then
  // scored. A document either side fails on (no_partnumbers) still had its pages read: both count
  // the pages the document has, so a change that turns a wrong answer into an error costs no speed.
  const reads = await readAll(
    names.map((name) => ({
      name,
      file: join(dir, `${name}.pdf`),
      bytes: () => new Uint8Array(readFileSync(join(dir, `${name}.pdf`))),
    })),
    extractPdf,
    baseline,
  );
  const fields = emptyScore();
  for (const name of names) {
    const truth = JSON.parse(readFileSync(join(dir, `${name}.truth.json`), "utf8")) as Truth;
    const bytes = new Uint8Array(readFileSync(join(dir, `${name}.pdf`)));
    const expectedCode = truth.no_text_layer ? "pdf_no_text" : truth.corrupt ? "pdf_corrupt" : null;
    const outcome = reads.outcomes.get(name)!;
    let found: string[] = [];
    let extracted: ExtractedItem[] = [];
    let code: string | null = null;
    let reportedKind: string | undefined;
    if (outcome.result) {
      reportedKind = outcome.result.kind;
      extracted = outcome.result.items;
      found = outcome.result.items.map((i) => i.partnumber);
    } else if (outcome.error) {
      code = outcome.error.code;
      const k = outcome.error.details?.kind;
      if (typeof k === "string") reportedKind = k;
    }
    if (expectedCode) {
      specials++;
      const ok = code === expectedCode;
      if (ok) specialsOk++;
      console.log(`${name}: expected ${expectedCode}, got ${code ?? "items"} ${ok ? "OK" : "WRONG"}`);
      continue;
    }
    docs++;
    const want = new Map((truth.partnumbers ?? []).map((p) => [key(p), p]));
    const got = new Map(found.map((p) => [key(p), p]));
    const missed = [...want.keys()].filter((k) => !got.has(k)).map((k) => want.get(k)!);
    const wrong = [...got.keys()].filter((k) => !want.has(k)).map((k) => got.get(k)!);
    const hits = want.size - missed.length;
    tp += hits;
    fn += missed.length;
    fp += wrong.length;
    const p = ratio(hits, hits + wrong.length);
    const r = ratio(hits, want.size);
    const err = code ? ` error=${code}` : "";
    const docFields = emptyScore();
    if (truth.items) scoreFields(extracted, truth.items, await documentText(bytes), docFields);
    for (const k of Object.keys(fields) as (keyof FieldScore)[]) fields[k] += docFields[k];
    const kind = kindOf(name, templates);
    const detected = reportedKind === "packing_list" ? "other" : (reportedKind ?? "none");
    const group = byKind.get(kind) ?? { detected: 0, tp: 0, fp: 0, fn: 0, docs: 0, fields: emptyScore() };
    if (detected === kind) group.detected++;
    group.tp += hits;
    group.fp += wrong.length;
    group.fn += missed.length;
    group.docs++;
    for (const k of Object.keys(fields) as (keyof FieldScore)[]) group.fields[k] += docFields[k];
    byKind.set(kind, group);
    const fieldText = truth.items ? ` fields: ${fieldLine(docFields)}` : "";
    console.log(
      `${name}: precision=${fmt(p)} recall=${fmt(r)} kind=${detected}/${kind}${err} missed=${JSON.stringify(missed)} wrong=${JSON.stringify(wrong)}${fieldText}`,
    );
  }
  const all: Tally = { ...reads.cold };
  for (const k of Object.keys(all) as (keyof Tally)[]) all[k] += reads.warm[k];
  for (const [name, t] of [
    ["after the first document", all],
    ["cold half", reads.cold],
    ["warm half", reads.warm],
  ] as const)
    for (const line of speedLines(name, t, reads.poppler, baseline !== null)) console.log(line);
  if (!reads.poppler) console.log("pdftotext not found: apt-get install -y poppler-utils");
  for (const kind of KINDS) {
    const g = byKind.get(kind);
    if (!g) continue;
    console.log(
      `kind ${kind}: precision=${fmt(ratio(g.tp, g.tp + g.fp))} recall=${fmt(ratio(g.tp, g.tp + g.fn))} docs=${g.docs} detected=${g.detected}/${g.docs} fields: ${fieldLine(g.fields)}`,
    );
  }
  // Informational: the classifier reads these fields, so their quality matters as much as recall.
  console.log(`fields: ${fieldLine(fields)}`);
  console.log(
    `extract: precision=${fmt(ratio(tp, tp + fp))} recall=${fmt(ratio(tp, tp + fn))} docs=${docs} errors_ok=${specialsOk}/${specials}${split ? ` split=${split}` : ""}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
