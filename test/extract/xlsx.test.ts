import { describe, expect, it } from "vitest";
import { extractXlsx } from "../../src/extract/index";
import { ExtractionError } from "../../src/extract/types";
import { partnumbers } from "./fixtures/text";
import { xlsxWorkbook } from "./fixtures/xlsx";

const workbook = () =>
  xlsxWorkbook([
    { name: "Notes", rows: [["Prepared by purchasing"], ["Revision", 3]] },
    {
      name: "BOM",
      rows: [
        ["Project X", null, null],
        ["Manufacturer Part Number", "Description", "Qty"],
        ["TPS54331DR", { inline: "Buck converter 3 A" }, 25],
        [{ inline: "ATMEGA328P-AU" }, "MCU", 10],
      ],
    },
    {
      name: "Spares",
      rows: [
        ["MPN", "Qty"],
        ["LM358PSR", 4],
      ],
    },
  ]);

describe("XLSX extraction", () => {
  it("uses the first sheet that has a part-number header, with shared and inline strings and numbers", async () => {
    const { items } = await extractXlsx(workbook());
    expect(partnumbers(items)).toEqual(["TPS54331DR", "ATMEGA328P-AU"]);
    expect(items[0]).toMatchObject({ description: "Buck converter 3 A", quantity: 25, page: 3 });
  });

  it("uses the sheet chosen by name or by 0-based index", async () => {
    expect(partnumbers((await extractXlsx(workbook(), { sheet: "Spares" })).items)).toEqual(["LM358PSR"]);
    expect(partnumbers((await extractXlsx(workbook(), { sheet: 2 })).items)).toEqual(["LM358PSR"]);
  });

  it("reports a missing sheet or a broken archive as spreadsheet_unreadable", async () => {
    for (const bytes of [workbook(), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]) {
      const err = await extractXlsx(bytes, { sheet: "Nope" }).catch((e: ExtractionError) => e);
      expect(err).toBeInstanceOf(ExtractionError);
      expect((err as ExtractionError).code).toBe("spreadsheet_unreadable");
    }
  });
});
