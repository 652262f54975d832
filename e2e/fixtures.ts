import { PDFDocument, StandardFonts } from "pdf-lib";

/**
 * A small purchase-order-like PDF: a header row and one row per part. The part numbers are made up
 * for the test (no corpus data); some have descriptions the rules can place, some not.
 */
export async function purchaseOrderPdf(rows: Array<[string, string, string]>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const draw = (text: string, x: number, y: number) => page.drawText(text, { x, y, size: 10, font });
  draw("PURCHASE ORDER 0001", 50, 800);
  const cols = [50, 90, 250, 450];
  let y = 760;
  const line = (cells: string[]) => {
    for (const [i, text] of cells.entries()) draw(text, cols[i]!, y);
  };
  line(["Item", "Part Number", "Description", "Qty"]);
  for (const [i, [pn, description, qty]] of rows.entries()) {
    y -= 18;
    line([String(i + 1), pn, description, qty]);
  }
  return doc.save();
}

/** A PDF with no text layer at all: extraction fails it (`pdf_no_text`). */
export async function imageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 50, width: 200, height: 100 });
  return doc.save();
}

/**
 * Made-up part numbers, unique per test run: the tenant's catalog remembers every earlier answer
 * (a human one included), so a rerun against the same dev database must not meet its own parts.
 * Same shapes every run (letters and digits in fixed places), only the digits change.
 */
const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, "0");
export const SAMPLE_ROWS: Array<[string, string, string]> = [
  [`QZX-${digits(4)}-AB`, "Ceramic capacitor 100nF 50V", "10"],
  [`TRV${digits(5)}KLM`, "Deep groove ball bearing", "4"],
  [`WPL-${digits(2)}-${digits(4)}`, "Hex bolt M8 x 40 steel", "25"],
  [`ZKN${digits(4)}Q`, "Widget assembly", "2"],
];
