import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { acceptPartnumber } from "../../src/extract/partnumber-rules";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

describe("distractors are never part numbers", () => {
  it("keeps the Mfr. No. column and ignores distributor, NCM and SKU columns", async () => {
    const xs = [30, 50, 150, 250, 330, 400, 480];
    const header = ["Line", "Distributor No.", "Mfr. No.", "NCM / HTS", "Cust. SKU", "Description", "Qty"];
    const rows = [
      ["1", "296-1600-5-ND", "SN74HC595N", "8542.39.00", "SKU-FX-71721", "Shift register", "10"],
      ["2", "595-TPS54331DR", "TPS54331DR", "8542.39", "SKU-98175", "Buck converter", "5"],
    ];
    const notes = {
      x: 30,
      y: 650,
      text: "Notes: lot L230608-15, invoice INV-2023-53878 of 20-Oct-2023. Ref. 603-RC0603FR-0710KL.",
    };
    const { items } = await extractPdf(await pdfWithText([[...tableRuns(xs, header, rows), notes]]));
    expect(partnumbers(items)).toEqual(["SN74HC595N", "TPS54331DR"]);
  });

  it.each([
    ["Digi-Key code", "296-1600-5-ND"],
    ["NCM code", "8542.31.20"],
    ["HS code", "8533.21"],
    ["CNPJ", "72.211.333/0001-70"],
    ["date", "01/07/2024"],
    ["written date", "20-Oct-2023"],
    ["capacitance", "100nF"],
    ["resistance", "10k"],
    ["resistor code", "4K7"],
    ["quantity", "2.5k"],
    ["chip size", "0603"],
    ["package", "SOT-23"],
    ["package", "TO-220"],
    ["internal SKU", "SKU-EL-82426"],
    ["money", "R$ 1.234,56"],
    ["placeholder", "~"],
  ])("rejects a %s (%s) even in a part-number column", (_kind, text) => {
    expect(acceptPartnumber(text, "strong")).toBeNull();
  });

  it("drops a Mouser prefix and keeps the MPN outside a strong MPN column", () => {
    expect(acceptPartnumber("595-SN74HC595N", "generic")).toBe("SN74HC595N");
    expect(acceptPartnumber("857-400", "strong")).toBe("857-400");
  });

  it("rejects McMaster catalogue numbers in a row labelled McMaster-Carr", () => {
    expect(acceptPartnumber("4568T17", "strong", "Standoff | McMaster-CARR Part")).toBeNull();
    expect(acceptPartnumber("4568T17", "strong", "Standoff | Acme")).toBe("4568T17");
  });

  it("accepts MPNs in value/comment columns only when they are shaped like one", () => {
    expect(acceptPartnumber("LM358PSR", "weak")).toBe("LM358PSR");
    expect(acceptPartnumber("CLOCK-NE555DR(SOIC8)", "weak")).toBe("NE555DR");
    for (const text of [
      "10uF",
      "Header1x20",
      "esp32-mini-s3",
      "LED-0603_B",
      "CMP-1149-00036-1",
      "Diode",
      "100R",
    ]) {
      expect(acceptPartnumber(text, "weak")).toBeNull();
    }
  });
});
