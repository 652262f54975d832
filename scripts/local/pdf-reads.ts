/**
 * Reads every document of an eval once, timed, in an order that separates a cold and a warm figure
 * (the eval scores the outcomes afterwards, in its own order):
 * - the first document alone: it also loads pdf.js and is in neither figure;
 * - the cold half (even positions after the first, sorted by name): each read right after the
 *   previous one, in an isolate warmed only by the first document and the half itself: what one pass
 *   over a corpus in a fresh process measures, mostly V8 compiling pdf.js's hot paths;
 * - the warm half (odd positions): each read once, after the whole cold half: the state of a Worker
 *   isolate that has read other documents before. No document is timed on a second read, so nothing
 *   of its own (parsed objects, memoised answers) helps it.
 * pdftotext (poppler, one process per file, `-layout`, as a service would run it) reads each file
 * right after partwise does, so both see the same load; with a baseline extractor, it and this one
 * read each document alternately first.
 */
import { execFileSync } from "node:child_process";
import type { ExtractResult } from "../../src/extract/types";
import { ExtractionError } from "../../src/extract/types";
import { hasPdftotext } from "./pdftotext";

export type Extract = (bytes: Uint8Array) => Promise<ExtractResult>;

export interface ReadOutcome {
  result: ExtractResult | null;
  error: ExtractionError | null;
}

/** Seconds and pages of one side (partwise, pdftotext or the baseline) over one half. */
export interface Tally {
  files: number;
  pages: number;
  seconds: number;
  popplerSeconds: number;
  baselinePages: number;
  baselineSeconds: number;
}

const tally = (): Tally => ({
  files: 0,
  pages: 0,
  seconds: 0,
  popplerSeconds: 0,
  baselinePages: 0,
  baselineSeconds: 0,
});

/** The pages a document has, also when extraction ended in an error that counted them. */
function pagesOf(o: ReadOutcome): number {
  if (o.result) return o.result.pages;
  const count = o.error?.details?.pageCount;
  return typeof count === "number" ? count : 0;
}

async function timed(extract: Extract, bytes: Uint8Array): Promise<{ outcome: ReadOutcome; s: number }> {
  const started = performance.now();
  let outcome: ReadOutcome;
  try {
    outcome = { result: await extract(bytes), error: null };
  } catch (err) {
    // A baseline extractor (an older checkout's src) throws its own ExtractionError class, so the
    // error is recognised by name and code, not by this module's class.
    if (!isExtractionError(err)) throw err;
    outcome = { result: null, error: err };
  }
  return { outcome, s: (performance.now() - started) / 1000 };
}

function isExtractionError(err: unknown): err is ExtractionError {
  return (
    err instanceof ExtractionError ||
    (err instanceof Error && err.name === "ExtractionError" && "code" in err)
  );
}

function popplerSeconds(file: string): number {
  const started = performance.now();
  try {
    execFileSync("pdftotext", ["-q", "-layout", file, "-"], { stdio: ["ignore", "ignore", "ignore"] });
  } catch {
    // A file it cannot read still cost the time spent on it.
  }
  return (performance.now() - started) / 1000;
}

export interface Reads {
  outcomes: Map<string, ReadOutcome>;
  cold: Tally;
  warm: Tally;
  poppler: boolean;
}

export async function readAll(
  docs: { name: string; file: string; bytes: () => Uint8Array }[],
  extract: Extract,
  baseline: Extract | null,
): Promise<Reads> {
  const outcomes = new Map<string, ReadOutcome>();
  const poppler = hasPdftotext();
  const cold = tally();
  const warm = tally();
  const [first, ...rest] = docs;
  if (first) outcomes.set(first.name, (await timed(extract, first.bytes())).outcome);
  const halves: [typeof docs, Tally][] = [
    [rest.filter((_, i) => i % 2 === 0), cold],
    [rest.filter((_, i) => i % 2 === 1), warm],
  ];
  let n = 0;
  for (const [half, t] of halves) {
    for (const doc of half) {
      const bytes = doc.bytes();
      let old: Awaited<ReturnType<typeof timed>> | null = null;
      // A second read of the same bytes is faster: the two extractors take turns going first.
      const baselineFirst = n++ % 2 === 1;
      if (baseline && baselineFirst) old = await timed(baseline, bytes);
      const ours = await timed(extract, bytes);
      if (baseline && !baselineFirst) old = await timed(baseline, bytes);
      outcomes.set(doc.name, ours.outcome);
      const pages = pagesOf(ours.outcome);
      if (old) {
        t.baselineSeconds += old.s;
        // An older extractor may not count the pages of a document it gives up on: they are the same.
        t.baselinePages += pagesOf(old.outcome) || pages;
      }
      t.seconds += ours.s;
      t.pages += pages;
      // Files with no pages read (damaged, not a PDF) are left out of both sides.
      if (pages > 0) t.files++;
      if (pages > 0 && poppler) t.popplerSeconds += popplerSeconds(doc.file);
    }
  }
  return { outcomes, cold, warm, poppler };
}

const rate = (pages: number, s: number) => (pages / Math.max(s, 1e-9)).toFixed(3);

/** The speed lines of one half: partwise next to pdftotext (and the baseline) on the same files. */
export function speedLines(name: string, t: Tally, poppler: boolean, baseline: boolean): string[] {
  const ours = t.pages / Math.max(t.seconds, 1e-9);
  const lines = [
    `pages/s ${name}: partwise ${rate(t.pages, t.seconds)} (${t.pages} pages in ${t.seconds.toFixed(2)} s)`,
  ];
  if (poppler) {
    const theirs = t.pages / Math.max(t.popplerSeconds, 1e-9);
    lines[0] += ` / pdftotext ${rate(t.pages, t.popplerSeconds)} (process per file, same ${t.files} files) ratio=${(ours / theirs).toFixed(3)}`;
  }
  if (baseline) {
    const before = t.baselinePages / Math.max(t.baselineSeconds, 1e-9);
    lines.push(
      `pages/s ${name}, this / baseline: ${ours.toFixed(3)} / ${before.toFixed(3)} ratio=${(ours / before).toFixed(3)}`,
    );
  }
  return lines;
}
