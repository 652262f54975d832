import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { ItemRow } from "../../src/reports/columns";
import { formatNcm } from "../../src/reports/columns";
import { renderCsv } from "../../src/reports/csv";
import { renderXlsx } from "../../src/reports/xlsx";

const row = (over: Partial<ItemRow> = {}): ItemRow => ({
  jobId: "00000000-0000-4000-8000-000000000001",
  seq: 1,
  tenantId: "00000000-0000-4000-8000-000000000002",
  partnumber: "GRM188R71H104KA93D",
  rawPartnumber: "grm188r71h104ka93d",
  description: "Capacitor cerâmico 100nF, 50V",
  manufacturer: "Murata",
  quantity: 100,
  occurrences: [{ page: 1 }, { page: 3 }],
  status: "classified",
  reason: null,
  classificationId: null,
  ncm: "85322410",
  exTipi: null,
  classDescription: "Capacitor cerâmico multicamada",
  classManufacturer: "Murata",
  country: "JP",
  confidence: 0.93,
  rationale: 'Family "GRM" and keyword "capacitor"',
  source: "rules",
  updatedAt: new Date(0),
  ...over,
});

describe("report rendering", () => {
  it("formats NCM codes with dots", () => {
    expect(formatNcm("85322410")).toBe("8532.24.10");
    expect(formatNcm(null)).toBeNull();
  });

  it("writes CSV with a BOM, a header and quoted cells", () => {
    const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(renderCsv([row()]));
    expect(text.startsWith("\uFEFFline,partnumber,")).toBe(true);
    const [, data] = text.trim().split("\r\n");
    expect(data).toContain('"Capacitor cerâmico 100nF, 50V"');
    expect(data).toContain("8532.24.10");
    expect(data).toContain('"Family ""GRM"" and keyword ""capacitor"""');
    expect(data).toContain(",1 3,");
  });

  it("neutralizes cells that a spreadsheet would run as formulas", () => {
    const text = new TextDecoder().decode(renderCsv([row({ description: '=HYPERLINK("x")' })]));
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("writes an XLSX workbook whose sheet holds every row", () => {
    const files = unzipSync(
      renderXlsx([row(), row({ seq: 2, partnumber: "LM317T", ncm: null, status: "needs_review" })]),
    );
    expect(Object.keys(files)).toContain("xl/workbook.xml");
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet.match(/<row /g)).toHaveLength(3);
    expect(sheet).toContain('<t xml:space="preserve">LM317T</t>');
    expect(sheet).toContain("Capacitor cerâmico 100nF, 50V");
    expect(sheet).toContain('<c r="A3"><v>2</v></c>');
  });

  it("escapes XML in XLSX cells", () => {
    const sheet = strFromU8(
      unzipSync(renderXlsx([row({ description: "a < b & c" })]))["xl/worksheets/sheet1.xml"]!,
    );
    expect(sheet).toContain("a &lt; b &amp; c");
  });
});
