import type { PDFDocument, PDFFont, PDFPage, RGB } from "pdf-lib";

/**
 * A page's content stream written as PDF operators in a string and stored compressed at once.
 * pdf-lib's drawText keeps every operator as objects until the document is saved (≈25 KB per
 * table row of heap); a string per page keeps a few-thousand-row report far inside 128 MB.
 */
export class PageContent {
  private readonly ops: string[] = [];
  private readonly fontNames = new Map<PDFFont, string>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly page: PDFPage,
  ) {}

  private fontName(font: PDFFont): string {
    let name = this.fontNames.get(font);
    if (!name) {
      name = this.page.node.newFontDictionary(`F${this.fontNames.size + 1}`, font.ref).asString();
      this.fontNames.set(font, name);
    }
    return name;
  }

  rect(x: number, y: number, width: number, height: number, color: RGB): void {
    this.ops.push(
      `${n(color.red)} ${n(color.green)} ${n(color.blue)} rg ${n(x)} ${n(y)} ${n(width)} ${n(height)} re f`,
    );
  }

  /** `text` must already be printable by `font` (see PdfText.clean). */
  text(text: string, x: number, y: number, size: number, font: PDFFont, color: RGB): void {
    const encoded = font.encodeText(text).toString();
    this.ops.push(
      `BT ${n(color.red)} ${n(color.green)} ${n(color.blue)} rg ${this.fontName(font)} ${n(size)} Tf ${n(x)} ${n(y)} Td ${encoded} Tj ET`,
    );
  }

  /** Writes the operators as one compressed stream appended to the page. */
  finish(): void {
    const stream = this.doc.context.flateStream(this.ops.join("\n"));
    this.page.node.addContentStream(this.doc.context.register(stream));
    this.ops.length = 0;
  }
}

const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
