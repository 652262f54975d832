import { type PDFPage, type RGB, rgb } from "pdf-lib";
import type { PdfText } from "./pdf-text";

export const INK = rgb(0.13, 0.15, 0.2);
export const MUTED = rgb(0.42, 0.45, 0.5);
const BAR = rgb(0.25, 0.45, 0.75);

export const SOURCE_COLORS: Record<string, RGB> = {
  catalog: rgb(0.2, 0.42, 0.7),
  rules: rgb(0.25, 0.6, 0.35),
  ai: rgb(0.55, 0.35, 0.7),
  human: rgb(0.9, 0.55, 0.15),
  none: rgb(0.75, 0.75, 0.75),
};

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Horizontal bars, one per label, longest first as given; values printed at the bar's end. */
export function barChart(
  page: PDFPage,
  text: PdfText,
  box: Box,
  title: string,
  bars: Array<{ label: string; value: number }>,
): void {
  page.drawText(title, { x: box.x, y: box.y + box.height - 12, size: 11, font: text.font, color: INK });
  if (bars.length === 0) {
    page.drawText("no classified items", { x: box.x, y: box.y + box.height - 32, size: 9, color: MUTED });
    return;
  }
  const labelWidth = box.width * 0.42;
  const barArea = box.width - labelWidth - 40;
  const rowHeight = Math.min(18, (box.height - 24) / bars.length);
  const max = Math.max(...bars.map((b) => b.value));
  const size = Math.min(8, rowHeight * 0.6);
  bars.forEach((b, i) => {
    const y = box.y + box.height - 26 - (i + 1) * rowHeight;
    page.drawText(text.fit(text.clean(b.label), labelWidth - 6, size), {
      x: box.x,
      y: y + rowHeight * 0.3,
      size,
      font: text.font,
      color: INK,
    });
    const w = Math.max(1, (b.value / max) * barArea);
    page.drawRectangle({ x: box.x + labelWidth, y: y + 2, width: w, height: rowHeight - 4, color: BAR });
    page.drawText(String(b.value), {
      x: box.x + labelWidth + w + 4,
      y: y + rowHeight * 0.3,
      size,
      font: text.font,
      color: INK,
    });
  });
}

/** A pie with a legend; slices in the order given. */
export function pieChart(
  page: PDFPage,
  text: PdfText,
  box: Box,
  title: string,
  slices: Array<{ label: string; value: number; color: RGB }>,
): void {
  page.drawText(title, { x: box.x, y: box.y + box.height - 12, size: 11, font: text.font, color: INK });
  const total = slices.reduce((n, s) => n + s.value, 0);
  const r = Math.min(box.width * 0.3, (box.height - 40) / 2);
  const cx = box.x + r + 4;
  const cy = box.y + box.height - 30 - r;
  const shown = slices.filter((s) => s.value > 0);
  if (total === 0) {
    page.drawCircle({ x: cx, y: cy, size: r, borderColor: MUTED, borderWidth: 1 });
  } else if (shown.length === 1) {
    page.drawCircle({ x: cx, y: cy, size: r, color: shown[0]!.color });
  } else {
    let angle = -Math.PI / 2;
    for (const s of shown) {
      const sweep = (s.value / total) * 2 * Math.PI;
      const [x0, y0] = [r * Math.cos(angle), r * Math.sin(angle)];
      const [x1, y1] = [r * Math.cos(angle + sweep), r * Math.sin(angle + sweep)];
      const large = sweep > Math.PI ? 1 : 0;
      // drawSvgPath uses SVG coordinates (y down) from the origin given.
      page.drawSvgPath(`M 0 0 L ${x0} ${y0} A ${r} ${r} 0 ${large} 1 ${x1} ${y1} Z`, {
        x: cx,
        y: cy,
        color: s.color,
        borderColor: rgb(1, 1, 1),
        borderWidth: 0.5,
      });
      angle += sweep;
    }
  }
  const lx = cx + r + 24;
  slices.forEach((s, i) => {
    const y = cy + r - 14 - i * 16;
    page.drawRectangle({ x: lx, y, width: 9, height: 9, color: s.color });
    const share = total ? ` (${Math.round((s.value / total) * 100)}%)` : "";
    page.drawText(`${s.label}: ${s.value}${share}`, {
      x: lx + 14,
      y: y + 1,
      size: 9,
      font: text.font,
      color: INK,
    });
  });
}
