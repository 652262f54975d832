import { describe, expect, it } from "vitest";
import { detectFileType } from "../../src/extract/index";
import { pdfWithText } from "./fixtures/pdf";
import { latin1, utf8 } from "./fixtures/text";
import { xlsxWorkbook } from "./fixtures/xlsx";

describe("detectFileType", () => {
  it("recognises PDF, XLSX and CSV by content", async () => {
    expect(detectFileType(await pdfWithText([[{ x: 40, y: 700, text: "hello" }]]))).toBe("pdf");
    expect(detectFileType(xlsxWorkbook([{ name: "S", rows: [["MPN"]] }]))).toBe("xlsx");
    expect(detectFileType(utf8("MPN;Qty\nLM317T;4\n"))).toBe("csv");
    expect(detectFileType(latin1("Descrição\tQtd\nRolamento\t4\n"))).toBe("csv");
  });

  it("takes a one-column export (a header, then a part number a line) as CSV", () => {
    expect(detectFileType(utf8("MPN\nLM317T\nBC547B\n"))).toBe("csv");
  });

  it("returns null for other zips, binary data and unstructured text", async () => {
    const { zipSync, strToU8 } = await import("fflate");
    expect(detectFileType(zipSync({ "word/document.xml": strToU8("<w/>") }))).toBeNull();
    expect(detectFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0]))).toBeNull();
    expect(detectFileType(utf8("just one sentence without structure"))).toBeNull();
  });
});
