/**
 * PDF throughput of partwise against poppler's pdftotext on the same files in the same run, and
 * where partwise's time goes (pdf.js's text layer alone vs the whole extraction).
 *   npx tsx scripts/eval-pdf-speed.ts <dir>      (npm run eval:pdf-speed -- <dir>)
 *
 * A Worker isolate is long-lived: it reads many documents, and V8 has compiled pdf.js's hot paths
 * (font parsers, content-stream lexer) long before most of them. One pass over a corpus measures
 * mostly compilation instead (a second read of the same files is 2–4× faster). So the documents are
 * split in two halves by position (even / odd, sorted by name), disjoint by construction:
 * - cold: the even half, each read once right after the first document (what `eval:extract`'s
 *   "after the first document" measures);
 * - warm: then the odd half, each read once, in an isolate warmed only by the even half — no
 *   document is timed on a second read, so nothing of its own (parsed objects, cached token scores)
 *   helps it.
 * For the warm half pdf.js's text layer alone (getTextContent with partwise's options) is timed too,
 * alternating which goes first: it bounds what any change outside pdf.js can reach.
 * pdftotext runs one process per file (as a service would run it), `-layout`, on each half.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getResolvedPDFJS } from "unpdf";
import { extractPdf } from "../src/extract/index";
import { hasPdftotext, pdftotextSeconds } from "./local/pdftotext";

interface Doc {
  file: string;
  bytes: Uint8Array;
}

const { getDocument, PDFWorker } = await getResolvedPDFJS();
const worker = new PDFWorker({ verbosity: 0 });

/** pdf.js's text layer alone, with the options src/extract/pdf.ts uses; returns the page count. */
async function textLayer(bytes: Uint8Array): Promise<number> {
  const doc = await getDocument({
    data: bytes.slice(),
    verbosity: 0,
    isEvalSupported: false,
    stopAtErrors: true,
    disableFontFace: true,
    useSystemFonts: false,
    worker,
  }).promise;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      await page.getTextContent();
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  // A document partwise rejects (no part numbers, no text) still cost the time spent reading it.
  await run().catch(() => null);
  return (performance.now() - started) / 1000;
}

const rate = (pages: number, s: number) => (pages / Math.max(s, 1e-9)).toFixed(2);

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: npx tsx scripts/eval-pdf-speed.ts <dir>");
    process.exit(2);
  }
  const docs: Doc[] = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".pdf"))
    .sort()
    .map((f) => ({ file: join(dir, f), bytes: new Uint8Array(readFileSync(join(dir, f))) }));
  if (docs.length < 3) throw new Error(`${dir}: needs at least three PDFs`);
  const pages = new Map<Doc, number>();
  // The first document also pays for loading pdf.js; it is in neither half.
  await seconds(() => extractPdf(docs[0]!.bytes));
  const even = docs.slice(1).filter((_, i) => i % 2 === 0);
  const odd = docs.slice(1).filter((_, i) => i % 2 === 1);

  let coldSeconds = 0;
  for (const d of even) coldSeconds += await seconds(() => extractPdf(d.bytes));
  let warmSeconds = 0;
  let textSeconds = 0;
  for (const [i, d] of odd.entries()) {
    const text = () =>
      seconds(async () => pages.set(d, await textLayer(d.bytes))).then((s) => {
        textSeconds += s;
      });
    if (i % 2) await text();
    warmSeconds += await seconds(() => extractPdf(d.bytes));
    if (i % 2 === 0) await text();
  }
  // Pages of the cold half, counted after its timing so the count does not warm it.
  for (const d of even) pages.set(d, await textLayer(d.bytes).catch(() => 0));
  const count = (half: Doc[]) => half.reduce((n, d) => n + (pages.get(d) ?? 0), 0);
  const read = (half: Doc[]) => half.filter((d) => (pages.get(d) ?? 0) > 0);
  const coldPages = count(even);
  const warmPages = count(odd);
  const popplerCold = hasPdftotext() ? pdftotextSeconds(read(even).map((d) => d.file)) : Number.NaN;
  const popplerWarm = hasPdftotext() ? pdftotextSeconds(read(odd).map((d) => d.file)) : Number.NaN;
  const line = (name: string, n: number, pagesIn: number, ours: number, poppler: number, extra = "") =>
    console.log(
      `pdf-speed ${name}: files=${n} pages=${pagesIn} partwise_pages_s=${rate(pagesIn, ours)} ` +
        `pdftotext_pages_s=${rate(pagesIn, poppler)} ratio=${(poppler / ours).toFixed(3)}${extra}`,
    );
  line("cold", even.length, coldPages, coldSeconds, popplerCold);
  line(
    "warm",
    odd.length,
    warmPages,
    warmSeconds,
    popplerWarm,
    ` pdfjs_text_pages_s=${rate(warmPages, textSeconds)} pdfjs_share=${(textSeconds / warmSeconds).toFixed(2)}`,
  );
  if (!hasPdftotext()) console.log("pdftotext not found: apt-get install -y poppler-utils");
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => worker.destroy());
