import { type Line, lineCells, type TextRun } from "./layout";

/**
 * Catalogue cards and similar blocks print one field per line, left-aligned, often in two or three
 * columns whose lines interleave on the page:
 *
 *     Thick film chip resistor 47 Ohms 0603      ← title: the description
 *     Manufacturer part no.: CRCW060347R0FKEA    ← the labelled part number
 *     Manufacturer: Vishay Dale
 *     Item code SKU-12074
 *
 * A card is the run of lines whose cells start at the same x, each within ~1.8 font sizes of the
 * previous one; a wider gap (or a line with text in that column elsewhere) ends it.
 */
export interface Stack {
  /** Cells above the given one, top to bottom. */
  above: TextRun[];
  /** Cells below the given one, top to bottom. */
  below: TextRun[];
}

// Prose paragraphs also start at one margin with a regular pitch; a card's title is short.
const MAX_TITLE_LINES = 3;

export function stackAround(lines: Line[], i: number, cell: TextRun): Stack {
  const walk = (step: 1 | -1): TextRun[] => {
    const found: TextRun[] = [];
    let lastY = cell.y;
    for (let j = i + step; j >= 0 && j < lines.length; j += step) {
      const line = lines[j]!;
      if (Math.abs(line.y - lastY) > 1.8 * cell.size) break;
      const same = lineCells(line).find((c) => Math.abs(c.x - cell.x) <= 0.5 * cell.size);
      if (!same) continue;
      found.push(same);
      lastY = same.y;
    }
    return step < 0 ? found.reverse() : found;
  };
  const above = walk(-1);
  return { above: above.length > MAX_TITLE_LINES ? [] : above, below: walk(1) };
}
