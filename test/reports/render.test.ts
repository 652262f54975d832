import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { formatNcm } from "../../src/reports/columns";
import { renderCsv } from "../../src/reports/csv";
import { renderXlsx } from "../../src/reports/xlsx";
import { row } from "./support/rows";

const decode = (b: Uint8Array) => new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(b);

describe("report rendering", () => {
  it("formats NCM codes with dots", () => {
    expect(formatNcm("85322410")).toBe("8532.24.10");
    expect(formatNcm(null)).toBeNull();
  });

  it("writes CSV with a BOM, a header and quoted cells", () => {
    const text = decode(renderCsv([row()]));
    expect(text.startsWith("\uFEFFline,partnumber,")).toBe(true);
    const [, data] = text.trim().split("\r\n");
    expect(data).toContain('"Capacitor cerâmico 100nF, 50V"');
    expect(data).toContain("8532.24.10");
    expect(data).toContain('"Family ""GRM"" and keyword ""capacitor"""');
    expect(data).toContain(",1 3,");
    expect(data).toContain(",0.93,");
  });

  it("writes pt-BR CSV with semicolons and decimal commas", () => {
    const text = decode(renderCsv([row({ quantity: 2.5 })], "pt-BR"));
    expect(text.startsWith("\uFEFFline;partnumber;")).toBe(true);
    const [, data] = text.trim().split("\r\n");
    // A comma inside a cell no longer needs quotes; the separator would.
    expect(data).toContain(";Capacitor cerâmico 100nF, 50V;");
    expect(data).toContain(";0,93;");
    expect(data).toContain(";2,5;");
    expect(decode(renderCsv([row({ description: "a;b" })], "pt-BR"))).toContain(';"a;b";');
  });

  it("neutralizes cells that a spreadsheet would run as formulas", () => {
    const text = decode(renderCsv([row({ description: '=HYPERLINK("x")' })]));
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(decode(renderCsv([row({ description: "@SUM(A1)" })], "pt-BR"))).toContain(";'@SUM(A1);");
  });

  it("writes an XLSX workbook whose results sheet holds every row", () => {
    const files = unzipSync(
      renderXlsx([row(), row({ seq: 2, partnumber: "LM317T", ncm: null, status: "needs_review" })]),
    );
    expect(Object.keys(files)).toContain("xl/workbook.xml");
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(sheet.match(/<row /g)).toHaveLength(3);
    expect(sheet).toContain('<t xml:space="preserve">LM317T</t>');
    expect(sheet).toContain("Capacitor cerâmico 100nF, 50V");
    expect(sheet).toContain('<c r="A3" s="3"><v>2</v></c>');
  });

  it("escapes XML in XLSX cells", () => {
    const sheet = strFromU8(
      unzipSync(renderXlsx([row({ description: "a < b & c" })]))["xl/worksheets/sheet1.xml"]!,
    );
    expect(sheet).toContain("a &lt; b &amp; c");
  });
});
