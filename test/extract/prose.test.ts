import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { pdfWithText } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

describe("documents without a part-number column", () => {
  it("reads PN: and Mfr. part no.: labels inside descriptions and prose", async () => {
    const runs = [
      { x: 40, y: 760, text: "Item  Descrição  UN  Qtd" },
      { x: 40, y: 740, text: "01 CILINDRO PNEUMÁTICO P/N: CQ2B32-20DZ" },
      { x: 40, y: 730, text: "NCM 8412.31 | Entrega 30/08/2024 | Cód. SKU-EL-82426" },
      { x: 40, y: 710, text: "02 Filtro de óleo PN: 0 986 452 041" },
      { x: 40, y: 690, text: "Manufacturer part no.: NU 205 ECP" },
      { x: 40, y: 670, text: "Mfr: YAGEO | Cust. PN: SKU-75245" },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["CQ2B32-20DZ", "0 986 452 041", "NU 205 ECP"]);
    expect(items.every((i) => i.via === "heuristic")).toBe(true);
  });

  it("falls back to MPN-shaped tokens in running text, skipping identifiers", async () => {
    const runs = [
      { x: 40, y: 760, text: "Invoice No. VF1005193039 - VAT NL00333599698 - Tel. +31 30 555 0142" },
      {
        x: 40,
        y: 740,
        text: "Replacement kit CA6707/10 and regulator STM32F103C8T6, 100nF 0603 capacitors,",
      },
      {
        x: 40,
        y: 725,
        text: "diode 1N4148, microchip 74HC238D,653 in LQFP-48 and SOT-23 packages, lot L250107-25.",
      },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["CA6707/10", "STM32F103C8T6", "1N4148", "74HC238D,653"]);
  });
});
