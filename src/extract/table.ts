import { classifyHeader, type HeaderRole } from "./header-vocabulary";
import { type Line, lineCells, splitWords, type TextRun } from "./layout";

export interface Column {
  role: HeaderRole | null;
  header: string;
  start: number;
  /** Right edge of the header text (PDF); headers are often centred over their cells. */
  end?: number;
}

export interface HeaderBlock {
  columns: Column[];
  /** Index of the first line after the header (headers may span two or three lines). */
  next: number;
}

export interface TableRow {
  /** Index in the page's line list of the line that carries the row's key cells. */
  lineIndex: number;
  /** Per column, the cell text fragments top to bottom (one per printed line). */
  cells: string[][];
}

export interface Table {
  columns: Column[];
  rows: TableRow[];
  /** Index of the first line after the table. */
  next: number;
  /** Left edges of the body's cells (x rounded), the geometry a continuation on the next page repeats. */
  xStarts: number[];
}

function recognised(cells: TextRun[]): number {
  return cells.filter((c) => classifyHeader(c.text) !== null).length;
}

// Tables, labelled items and prose each ask of every line whether it starts a header; lines are
// not changed once built, so the answer is kept per line.
const headerLike = new WeakMap<Line, boolean>();

export function isHeaderLike(line: Line): boolean {
  let answer = headerLike.get(line);
  if (answer === undefined) {
    const cells = lineCells(line);
    const known = cells.length < 2 ? 0 : recognised(cells);
    answer = known >= 2 && known >= 0.4 * cells.length;
    headerLike.set(line, answer);
  }
  return answer;
}

// A second or third header line: no figures, and either fragments ("No.", "kg") or more header words.
function continuesHeader(line: Line): boolean {
  const cells = lineCells(line);
  if (cells.some((c) => /\d/.test(c.text))) return false;
  return cells.every((c) => c.text.length <= 4) || recognised(cells) >= 0.5 * cells.length;
}

/** Reads a (possibly multi-line) header starting at line i, or returns null. */
export function readHeader(lines: Line[], i: number): HeaderBlock | null {
  const first = lines[i];
  if (!first || !isHeaderLike(first)) return null;
  const group = [first];
  let j = i + 1;
  while (j < lines.length && j - i <= 2) {
    const prev = lines[j - 1]!;
    const cur = lines[j]!;
    if (prev.y - cur.y > 1.9 * Math.max(prev.size, cur.size) || !continuesHeader(cur)) break;
    group.push(cur);
    j++;
  }
  // Columns are the union of all header lines' cells that overlap horizontally, so a label printed
  // on the second or third line ("Manufacturer" / "Part Number") still gets its own column.
  const cells = group
    .flatMap((line) => lineCells(line).flatMap(splitCombinedHeader))
    .sort((p, q) => p.x - q.x);
  const clusters: { start: number; end: number; parts: TextRun[] }[] = [];
  for (const cell of cells) {
    const hit = clusters.find((c) => Math.min(c.end, cell.x + cell.width) - Math.max(c.start, cell.x) > 0);
    if (hit) {
      hit.parts.push(cell);
      hit.start = Math.min(hit.start, cell.x);
      hit.end = Math.max(hit.end, cell.x + cell.width);
    } else {
      clusters.push({ start: cell.x, end: cell.x + cell.width, parts: [cell] });
    }
  }
  clusters.sort((p, q) => p.start - q.start);
  const columns = clusters.map((cluster) => {
    const texts = cluster.parts.sort((p, q) => q.y - p.y).map((c) => c.text);
    const combined = texts.join(" ");
    const role = classifyHeader(combined) ?? texts.map(classifyHeader).find((r) => r !== null) ?? null;
    return { role, header: combined, start: cluster.start, end: cluster.end };
  });
  return { columns, next: j };
}

// One text run holding two headers ("Manufacturer's Part No. Digikey Part No.") is split after
// each "No." / "Number" whose remainder is itself a header, positions estimated by characters.
function splitCombinedHeader(cell: TextRun): TextRun[] {
  const m = /^(.+?\b(?:no|nr|number|num|#|p\/n|pn)\.?)\s+(\S.*)$/i.exec(cell.text);
  if (!m || classifyHeader(m[2]!) === null || classifyHeader(m[1]!) === null) return [cell];
  // Inside parentheses it is one header's gloss ("Code (p/n - Description)"), not a second header.
  if (m[1]!.split("(").length > m[1]!.split(")").length) return [cell];
  const perChar = cell.width / cell.text.length;
  const offset = cell.text.length - m[2]!.length;
  const head = { ...cell, text: m[1]!, width: m[1]!.length * perChar };
  const rest = { ...cell, text: m[2]!, x: cell.x + offset * perChar, width: m[2]!.length * perChar };
  return [head, ...splitCombinedHeader(rest)];
}

export function columnAt(columns: Column[], x: number, size: number, width = 0): number {
  // A cell that starts under no header text belongs to the header it overlaps most: headers are
  // printed centred or right-aligned as often as left-aligned over their cells.
  if (width > 0 && !columns.some((c) => c.end !== undefined && x >= c.start - 0.6 * size && x <= c.end)) {
    let best = -1;
    let bestOverlap = 0;
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      if (col.end === undefined) continue;
      const overlap = Math.min(col.end, x + width) - Math.max(col.start, x);
      if (overlap > bestOverlap) [best, bestOverlap] = [c, overlap];
    }
    if (best >= 0) return best;
  }
  let k = -1;
  for (let c = 0; c < columns.length; c++) if (columns[c]!.start - 0.6 * size <= x) k = c;
  if (k < 0 && x >= columns[0]!.start - 3 * size) k = 0;
  return k;
}

// Prose (notes, totals, footers) runs across several columns: that is where a table ends.
export function crossedColumns(columns: Column[], run: TextRun): number {
  // One long token is a cell glued to its neighbour ("J19QX7781-…"), not prose.
  if (!/\s\S/.test(run.text.trim())) return 0;
  return columns.filter((c) => c.start > run.x + run.size && c.start < run.x + run.width - run.size).length;
}

/** Splits a line's runs into column cells; a run that overflows into the next column is split by words. */
export function cellsOf(columns: Column[], line: Line): string[][] {
  const cells: string[][] = columns.map(() => []);
  for (const run of line.runs) {
    const k = columnAt(columns, run.x, run.size, run.width);
    // A run may hold cells of neighbouring columns printed close together ("1 U9" under "Qty"
    // and "Ref", "0,014 QX7781…" under "Price" and "Type"): its words then go to their own columns.
    // "2 x SAM-1" is a count and its part, one cell.
    const within = columns.some(
      (c) => c.end !== undefined && run.x >= c.start - 0.6 * run.size && run.x + run.width <= c.end,
    );
    const words =
      !within && /\s\S/.test(run.text.trim()) && !/^\d+\s*[x×]\s/i.test(run.text.trim())
        ? splitWords(run)
        : [];
    const at = words.map((w) => wordColumn(columns, w, k));
    if (at.some((c) => c !== at[0])) {
      words.forEach((w, n) => {
        if (at[n]! >= 0) cells[at[n]!]!.push(w.text.trim());
      });
    } else if (k >= 0) {
      cells[k]!.push(run.text.trim());
    }
  }
  return cells.map((parts) => parts.filter(Boolean));
}

// A word under a header text belongs to it; a word under none stays with its run, except a bare
// figure, which sits at the right of its own column (quantities, prices printed right-aligned).
function wordColumn(columns: Column[], word: TextRun, runColumn: number): number {
  const inside = columns.some((c) => c.end !== undefined && word.x + word.width > c.start && word.x < c.end);
  if (inside) return columnAt(columns, word.x, word.size, word.width);
  return /^[\d.,]+$/.test(word.text) ? columnAt(columns, word.x, word.size) : runColumn;
}

/** Rejoins a cell wrapped over several lines: at a hyphen or slash directly, else as one token. */
export function joinWrapped(fragments: string[]): string {
  let out = "";
  for (const f of fragments) {
    if (!out) out = f;
    else if (/[-/]$/.test(out) || /^[-/]/.test(f) || !/\s/.test(out)) out += f;
    else out += ` ${f}`;
  }
  return out;
}
