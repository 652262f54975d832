import type { PDFFont } from "pdf-lib";

/**
 * Text a standard PDF font can print. pdf-lib's standard fonts use WinAnsi, which covers
 * Portuguese (ç, ã, õ, é, …) but not every character a description may hold; those become "?"
 * instead of failing the whole report.
 */
export class PdfText {
  private readonly charset: Set<number>;

  constructor(readonly font: PDFFont) {
    this.charset = new Set(font.getCharacterSet());
  }

  clean(text: string | null | undefined): string {
    if (!text) return "";
    let out = "";
    for (const ch of text.normalize("NFC").replace(/\s+/g, " ")) {
      out += this.charset.has(ch.codePointAt(0)!) ? ch : "?";
    }
    return out.trim();
  }

  width(text: string, size: number): number {
    return this.font.widthOfTextAtSize(text, size);
  }

  /** `text` cut with an ellipsis to fit `width` points. */
  fit(text: string, width: number, size: number): string {
    let t = text;
    let w = this.width(t, size);
    if (w <= width) return t;
    // Proportional first guess, then trim: a couple of measurements instead of one per character.
    t = t.slice(0, Math.max(1, Math.floor((t.length * width) / w) - 1));
    while (t.length > 1 && this.width(`${t}…`, size) > width) t = t.slice(0, -1);
    w = this.width(`${t}…`, size);
    return w <= width ? `${t}…` : "";
  }

  /** The largest size ≤ `size` (not below `min`) at which `text` fits `width` whole. */
  sizeToFit(text: string, width: number, size: number, min: number): number {
    const w = this.width(text, size);
    return w <= width ? size : Math.max(min, (size * width) / w);
  }
}
