import { describe, expect, it } from "vitest";
import { NcmFileError, parseNcmTable, parseNcmText } from "../../src/ncm/parse";

const entry = (Codigo: string, Descricao = "x", Data_Fim = "31/12/9999") => ({
  Codigo,
  Descricao,
  Data_Inicio: "01/04/2022",
  Data_Fim,
});

describe("parseNcmTable", () => {
  it("normalizes codes to digits without dots", () => {
    const { rows } = parseNcmTable({ Nomenclaturas: [entry("85"), entry("8532.24.10")] });
    expect(rows.map((r) => r.code)).toEqual(["85", "85322410"]);
  });

  it("links each code to the nearest shorter code in the file", () => {
    const { rows } = parseNcmTable({
      Nomenclaturas: [entry("85"), entry("85.32"), entry("8532.2"), entry("8532.24.10"), entry("8533.10.00")],
    });
    const parent = Object.fromEntries(rows.map((r) => [r.code, r.parent]));
    expect(parent).toEqual({
      "85": null,
      "8532": "85",
      "85322": "8532",
      "85322410": "85322",
      "85331000": "85",
    });
  });

  it("turns Brazilian dates into ISO dates and the open end into null", () => {
    const [row] = parseNcmTable({ Nomenclaturas: [entry("8532.24.10", "x", "30/06/2025")] }).rows;
    expect(row).toMatchObject({ validFrom: "2022-04-01", validTo: "2025-06-30", level: 8 });
    const [open] = parseNcmTable({ Nomenclaturas: [entry("8532.24.10")] }).rows;
    expect(open!.validTo).toBeNull();
  });

  it("rejects a file without Nomenclaturas", () => {
    expect(() => parseNcmTable({ foo: [] })).toThrow(NcmFileError);
  });

  it("rejects an empty table", () => {
    expect(() => parseNcmTable({ Nomenclaturas: [] })).toThrow(NcmFileError);
  });

  it("rejects a malformed code", () => {
    expect(() => parseNcmTable({ Nomenclaturas: [entry("85A2")] })).toThrow(/Invalid NCM code/);
  });

  it("rejects a duplicate code", () => {
    expect(() => parseNcmTable({ Nomenclaturas: [entry("85.32"), entry("8532")] })).toThrow(/Duplicate/);
  });

  it("rejects a malformed date", () => {
    expect(() => parseNcmTable({ Nomenclaturas: [entry("8532.24.10", "x", "2025-06-30")] })).toThrow(
      /Data_Fim/,
    );
  });

  it("rejects text that is not JSON", () => {
    expect(() => parseNcmText("{not json")).toThrow(/not valid JSON/);
  });

  it("accepts a UTF-8 byte-order mark", () => {
    expect(parseNcmText(`\uFEFF${JSON.stringify({ Nomenclaturas: [entry("85")] })}`).rows).toHaveLength(1);
  });
});
