/** A run of text in reading-frame coordinates (x grows along the text, y grows upwards). */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size: the unit every layout tolerance below is expressed in. */
  size: number;
}

export interface Line {
  y: number;
  size: number;
  runs: TextRun[];
}

/** The parts of a pdf.js TextItem we use. */
export interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
}

/**
 * Groups raw items by text direction (snapped to 90°) and rotates each group into its own reading
 * frame, so a BOM printed sideways on a landscape page reads like any other table.
 */
export function toReadingFrames(items: RawTextItem[]): TextRun[][] {
  const groups = new Map<number, TextRun[]>();
  for (const it of items) {
    const text = it.str.replace(/\s+/g, " ");
    if (!text.trim()) continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = it.transform;
    const angle = (Math.round(Math.atan2(b, a) / (Math.PI / 2)) + 4) % 4;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || 10;
    const [x, y] = rotate(e, f, angle);
    const run: TextRun = { text, x, y, width: it.width || text.length * size * 0.5, size };
    const group = groups.get(angle);
    if (group) group.push(run);
    else groups.set(angle, [run]);
  }
  return [...groups.entries()].sort((p, q) => q[1].length - p[1].length).map(([, runs]) => runs);
}

// Rotates page coordinates by -angle*90° so the text direction becomes +x.
function rotate(x: number, y: number, quarterTurns: number): [number, number] {
  switch (quarterTurns) {
    case 1:
      return [y, -x];
    case 2:
      return [-x, -y];
    case 3:
      return [-y, x];
    default:
      return [x, y];
  }
}

/** Rebuilds lines from baselines: runs whose y differ by less than ~0.4 font size share a line. */
export function buildLines(runs: TextRun[]): Line[] {
  const sorted = [...runs].sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: Line[] = [];
  for (const run of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - run.y) <= 0.4 * Math.min(last.size, run.size)) {
      last.runs.push(run);
      last.size = Math.max(last.size, run.size);
    } else {
      lines.push({ y: run.y, size: run.size, runs: [run] });
    }
  }
  for (const line of lines) line.runs.sort((p, q) => p.x - q.x);
  return lines;
}

/** Joins runs that touch (gap under a third of the font size) into cells: "Quan" "/" "ty" → "Quan/ty". */
export function lineCells(line: Line): TextRun[] {
  const cells: TextRun[] = [];
  for (const run of line.runs) {
    const last = cells[cells.length - 1];
    const gap = last ? run.x - (last.x + last.width) : Number.POSITIVE_INFINITY;
    if (last && gap < 0.3 * run.size) {
      const sep = gap > 0.1 * run.size && !last.text.endsWith(" ") && !run.text.startsWith(" ") ? " " : "";
      cells[cells.length - 1] = {
        ...last,
        text: last.text + sep + run.text,
        width: run.x + run.width - last.x,
      };
    } else {
      cells.push({ ...run });
    }
  }
  return cells.map((c) => ({ ...c, text: c.text.trim() })).filter((c) => c.text);
}

/** Splits a run into words with x estimated from character offsets (fonts are close enough to even). */
export function splitWords(run: TextRun): TextRun[] {
  const perChar = run.width / Math.max(run.text.length, 1);
  const words: TextRun[] = [];
  const re = /\S+/g;
  for (let m = re.exec(run.text); m; m = re.exec(run.text)) {
    words.push({
      text: m[0],
      x: run.x + m.index * perChar,
      y: run.y,
      width: m[0].length * perChar,
      size: run.size,
    });
  }
  return words;
}

export function lineText(line: Line): string {
  return lineCells(line)
    .map((c) => c.text)
    .join("  ");
}
