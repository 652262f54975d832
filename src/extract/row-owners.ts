import type { Line } from "./layout";

/** A table body line: its index in the page's lines and its text per column. */
export interface BodyLine {
  j: number;
  cells: string[][];
}

/**
 * Which anchor line owns each body line of a table.
 *
 * Rows are printed as blocks when cells are padded: the gap between two rows is wider than the
 * line pitch inside one wrapped cell, and a block with one anchor belongs to it whole, lines above
 * the anchor included. Otherwise the cells' vertical alignment decides:
 * - top-aligned (the anchor line carries the first fragment of every cell of its row): a line
 *   belongs to the anchor above it, however close the next row is; lines before a block's first
 *   anchor belong to that anchor;
 * - vertically centred (anchor lines have empty cells whose text sits on the lines around them):
 *   each line goes to the nearest anchor, ties to the one above.
 */
export function rowOwners(body: BodyLine[], anchors: Set<number>, lines: Line[]): Map<number, number> {
  const y = (j: number) => lines[j]!.y;
  const pitch = linePitch(body, lines);
  const blocks: number[][] = [[]];
  body.forEach(({ j }, n) => {
    if (n > 0 && y(body[n - 1]!.j) - y(j) > 1.2 * pitch) blocks.push([]);
    blocks[blocks.length - 1]!.push(j);
  });
  const centred = looksCentred(body, anchors, lines, pitch);
  const owner = new Map<number, number>();
  for (const block of blocks) {
    const inBlock = block.filter((j) => anchors.has(j));
    if (inBlock.length === 0) {
      // A wrapped tail cut off by a wide gap joins the nearest row.
      for (const j of block) owner.set(j, nearest(j, [...anchors], lines));
      continue;
    }
    let above = inBlock[0]!;
    for (const j of block) {
      if (anchors.has(j)) above = j;
      owner.set(j, inBlock.length === 1 ? inBlock[0]! : centred ? nearest(j, inBlock, lines) : above);
    }
  }
  return owner;
}

// Centred cells leave an anchor line without the cells that wrap, their fragments printed on the
// lines just above and below. Top-aligned rows start every cell on the anchor line. A majority
// vote, because a row may simply lack a value next to the previous row's wrapped tail.
function looksCentred(body: BodyLine[], anchors: Set<number>, lines: Line[], pitch: number): boolean {
  let seen = 0;
  let evidence = 0;
  body.forEach(({ j, cells }, n) => {
    if (!anchors.has(j)) return;
    const around = [body[n - 1], body[n + 1]].filter(
      (b): b is BodyLine => !!b && !anchors.has(b.j) && Math.abs(lines[b.j]!.y - lines[j]!.y) <= 1.5 * pitch,
    );
    // Only anchors with wrapped lines on both sides can tell: in either layout a row that does not
    // wrap has its neighbours' lines on one side only.
    if (around.length < 2) return;
    seen++;
    if (around.some((b) => b.cells.some((c, k) => c.length > 0 && cells[k]!.length === 0))) evidence++;
  });
  return evidence > 0 && evidence >= 0.5 * seen;
}

// The gap between the lines of one wrapped cell: per column, the lower quartile of the gaps between
// successive lines holding text in it (often only a few rows wrap), and the smallest of those, the
// wrapping column's. Successive lines of the table can be closer (centred cells of different
// columns interleave), and columns that never wrap only see row-to-row gaps.
function linePitch(body: BodyLine[], lines: Line[]): number {
  let pitch = Number.POSITIVE_INFINITY;
  const columns = body[0]?.cells.length ?? 0;
  for (let k = 0; k < columns; k++) {
    const ys = body.filter(({ cells }) => cells[k]!.length > 0).map(({ j }) => lines[j]!.y);
    const gaps = ys.slice(1).map((y, n) => ys[n]! - y);
    if (gaps.length < 3) continue;
    gaps.sort((a, b) => a - b);
    pitch = Math.min(pitch, gaps[Math.floor(gaps.length / 4)]!);
  }
  return Number.isFinite(pitch) ? pitch : 0;
}

function nearest(j: number, candidates: number[], lines: Line[]): number {
  const y = lines[j]!.y;
  let best = candidates[0]!;
  for (const a of candidates) {
    if (Math.abs(lines[a]!.y - y) < Math.abs(lines[best]!.y - y)) best = a;
  }
  return best;
}
