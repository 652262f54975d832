import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { COLUMNS } from "../../src/reports/columns";
import { renderXlsx } from "../../src/reports/xlsx";
import { columnName } from "../../src/reports/xlsx-writer";
import { manyRows } from "./support/rows";

const NCM = new Map([
  ["85", "Máquinas, aparelhos e materiais elétricos"],
  ["85322410", "Capacitores de dielétrico de cerâmica, multicamadas"],
]);

// A second, independent reader (SheetJS) must read what the hand-written writer produces.
describe("XLSX report, read back by SheetJS", () => {
  const rows = manyRows(60);
  const bytes = renderXlsx(rows, NCM);
  const book = XLSX.read(bytes, { type: "array" });

  it("has the results, summary and NCM sheets", () => {
    expect(book.SheetNames).toEqual(["Results", "Summary", "NCM"]);
  });

  it("holds every row, with confidence as a number and a filter over the header", () => {
    const results = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Results!);
    expect(results).toHaveLength(rows.length);
    expect(results.map((r) => r.partnumber)).toEqual(rows.map((r) => r.partnumber));
    expect(results.every((r) => typeof r.confidence === "number")).toBe(true);
    expect(results[3]!.status).toBe("needs_review");
    expect(book.Sheets.Results!["!autofilter"]?.ref).toBe(
      `A1:${columnName(COLUMNS.length - 1)}${rows.length + 1}`,
    );
  });

  it("summarises counts by status, source and chapter with the chapter's description", () => {
    const summary = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Summary!, { header: 1 });
    const find = (label: string) => summary.find((r) => r[0] === label);
    const review = rows.filter((r) => r.status === "needs_review").length;
    expect(find("needs_review")?.[1]).toBe(review);
    expect(find("classified")?.[1]).toBe(rows.length - review);
    expect(find("ai")?.[1]).toBe(rows.filter((r) => r.source === "ai").length);
    expect(find("85")?.[1]).toBe(rows.filter((r) => r.ncm!.startsWith("85")).length);
    expect(find("85")?.[3]).toBe("Máquinas, aparelhos e materiais elétricos");
    const ncm = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.NCM!);
    expect(ncm.find((r) => r.ncm === "8532.24.10")?.description).toBe(NCM.get("85322410"));
  });

  it("freezes the header, sets widths, colours confidence and highlights review rows", () => {
    const files = unzipSync(bytes);
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toMatch(/<pane ySplit="1"[^>]*state="frozen"/);
    expect(sheet).toMatch(/<col min="2" max="2" width="22" customWidth="1"\/>/);
    const confidence = columnName(COLUMNS.findIndex((c) => c.header === "confidence"));
    expect(sheet).toContain(
      `<conditionalFormatting sqref="${confidence}2:${confidence}61"><cfRule type="colorScale"`,
    );
    // Row 5 is rows[3], which needs review: every cell carries the highlighted style.
    const row5 = sheet.match(/<row r="5">(.*?)<\/row>/)![1]!;
    expect(row5.match(/<c /g)!.length).toBe(row5.match(/ s="[34]"/g)!.length);
    expect(strFromU8(files["xl/styles.xml"]!)).toContain('rgb="FFFFE699"');
  });
});
