import { isPartnumberRole } from "./header-vocabulary";
import { type Line, lineCells } from "./layout";
import { rowOwners } from "./row-owners";
import {
  type Column,
  cellsOf,
  crossedColumns,
  type HeaderBlock,
  isHeaderLike,
  readHeader,
  type Table,
  type TableRow,
} from "./table";

/**
 * A header worth reading a table under: it names a part-number column, or it names at least
 * three columns of any kind (the part-number column is then found by its content).
 */
export function tableHeader(lines: Line[], i: number): HeaderBlock | null {
  const header = readHeader(lines, i);
  if (!header) return null;
  if (header.columns.some((c) => isPartnumberRole(c.role))) return header;
  // Without a part-number header word, a data row must not pass for a header: no figures, and
  // most of its cells named.
  const named = header.columns.filter((c) => c.role !== null).length;
  const figures = header.columns.some((c) => /\d/.test(c.header));
  return named >= 3 && named >= 0.6 * header.columns.length && !figures ? header : null;
}

/**
 * Reads a table whose header starts at line i. Rows are anchored on the quantity column (else the
 * first column): continuation lines (wrapped descriptions or part numbers, printed above or below
 * the key line when cells are vertically centred) join the nearest anchor line.
 */
export function readTable(lines: Line[], i: number): Table | null {
  const header = tableHeader(lines, i);
  if (!header) return null;
  return readBody(lines, header.columns, header.next, header.next - 1);
}

/**
 * A table that continues from the previous page without repeating its header: the first lines
 * (before any header of this page) whose cells start where the previous table's cells started.
 */
export function continueTable(lines: Line[], previous: Table): Table | null {
  const fits = (line: Line) => {
    const cells = lineCells(line);
    const fitted = cells.filter((c) => previous.xStarts.some((x) => Math.abs(x - c.x) <= 0.6 * c.size));
    return cells.length >= 2 && fitted.length >= 2 && fitted.length >= 0.6 * cells.length;
  };
  for (let j = 0; j < lines.length; j++) {
    if (tableHeader(lines, j) || isHeaderLike(lines[j]!)) return null;
    if (!fits(lines[j]!)) continue;
    const table = readBody(lines, previous.columns, j, j);
    return table.rows.length ? table : null;
  }
  return null;
}

function readBody(lines: Line[], columns: Column[], from: number, before: number): Table {
  const body: number[] = [];
  for (let j = from; j < lines.length; j++) {
    const line = lines[j]!;
    const prev = lines[body.length ? body[body.length - 1]! : before]!;
    if (prev !== line && prev.y - line.y > Math.max(6 * line.size, 60)) break;
    if (line.runs.some((r) => crossedColumns(columns, r) >= 2)) break;
    if (isHeaderLike(line) && tableHeader(lines, j)) break;
    body.push(j);
  }
  const cellLines = body.map((j) => ({ j, cells: cellsOf(columns, lines[j]!) }));
  const qty = columns.findIndex((c) => c.role === "quantity");
  const anchorCol = qty >= 0 ? qty : isPartnumberRole(columns[0]!.role) ? -1 : 0;
  const anchors = cellLines.filter(({ cells }) =>
    anchorCol < 0 ? false : cells[anchorCol]!.some((t) => (qty >= 0 ? /\d/.test(t) : t.length > 0)),
  );
  const rows: TableRow[] = [];
  if (anchors.length === 0) {
    for (const { j, cells } of cellLines) rows.push({ lineIndex: j, cells: cells.map((c) => [c.join(" ")]) });
  } else {
    const byAnchor = new Map<number, string[][]>();
    for (const a of anchors)
      byAnchor.set(
        a.j,
        columns.map(() => []),
      );
    const owner = rowOwners(cellLines, new Set(anchors.map((a) => a.j)), lines);
    for (const { j, cells } of cellLines) {
      const target = byAnchor.get(owner.get(j)!)!;
      cells.forEach((parts, k) => {
        if (parts.length) target[k]!.push(parts.join(" "));
      });
    }
    for (const [j, cells] of byAnchor) rows.push({ lineIndex: j, cells });
    rows.sort((p, q) => p.lineIndex - q.lineIndex);
  }
  return {
    columns,
    rows,
    next: body.length ? body[body.length - 1]! + 1 : from,
    xStarts: bodyXStarts(lines, body),
  };
}

// Cell left edges seen on at least two body lines: a column's geometry, not a stray word.
function bodyXStarts(lines: Line[], body: number[]): number[] {
  const counts = new Map<number, number>();
  for (const j of body)
    for (const c of lineCells(lines[j]!)) counts.set(Math.round(c.x), (counts.get(Math.round(c.x)) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= 2).map(([x]) => x);
}
