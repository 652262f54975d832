import { describe, expect, it } from "vitest";
import { splitDescription } from "../../src/extract/description-fields";
import { extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";

describe("description sub-fields", () => {
  it("lifts the manufacturer out of a 'Mfr:' sub-field and drops compliance noise", () => {
    expect(
      splitDescription(
        "Chip resistor 10 kOhms 0603 Mfr: Panasonic Electronic Components | ECCN: EAR99 | RoHS | D/C 2412",
      ),
    ).toEqual({
      description: "Chip resistor 10 kOhms 0603",
      manufacturer: "Panasonic Electronic Components",
    });
  });

  it("drops the customer's and the distributor's references", () => {
    expect(splitDescription("LED 2V 0805 Mfr: VCC | Cust. PN: SKU-98175 | ref. LTST-C191KRKT-ND")).toEqual({
      description: "LED 2V 0805",
      manufacturer: "VCC",
    });
  });

  it("reads the label in Portuguese and German", () => {
    expect(splitDescription("Rolamento 6205 Fabricante: SKF").manufacturer).toBe("SKF");
    expect(splitDescription("Kondensator 100nF Hersteller: Würth").manufacturer).toBe("Würth");
  });

  it("leaves a plain description alone", () => {
    expect(splitDescription("Micro-Fit 3.0 PCB header, 2 circuits, right angle")).toEqual({
      description: "Micro-Fit 3.0 PCB header, 2 circuits, right angle",
    });
  });
});

describe("rows whose descriptions wrap under top-aligned cells", () => {
  it("keeps each wrapped line with its own row even when the next row is closer", async () => {
    const xs = [40, 70, 170, 420];
    const runs = [
      ...tableRuns(xs, ["Line", "Mfr. No.", "Description", "Qty"], []),
      { x: 40, y: 740, text: "1" },
      { x: 70, y: 740, text: "ERA-3APB103V" },
      { x: 170, y: 740, text: "10 kOhms 0.1W Chip Resistor" },
      { x: 420, y: 740, text: "4,000" },
      { x: 170, y: 732, text: "0603 Thin Film" },
      { x: 170, y: 724, text: "Automotive AEC-Q200" },
      { x: 170, y: 716, text: "Mfr: Panasonic | ECCN: EAR99 | RoHS" },
      { x: 40, y: 704, text: "2" },
      { x: 70, y: 704, text: "RC0603FR-0710KL" },
      { x: 170, y: 704, text: "Thick film chip resistor 10 kOhms" },
      { x: 420, y: 704, text: "10,000" },
      { x: 170, y: 696, text: "Mfr: YAGEO | RoHS" },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(
      items.map(({ partnumber, description, manufacturer, quantity }) => ({
        partnumber,
        description,
        manufacturer,
        quantity,
      })),
    ).toEqual([
      {
        partnumber: "ERA-3APB103V",
        description: "10 kOhms 0.1W Chip Resistor 0603 Thin Film Automotive AEC-Q200",
        manufacturer: "Panasonic",
        quantity: 4000,
      },
      {
        partnumber: "RC0603FR-0710KL",
        description: "Thick film chip resistor 10 kOhms",
        manufacturer: "YAGEO",
        quantity: 10000,
      },
    ]);
  });
});

describe("labelled part numbers inside a description column", () => {
  it("takes the text before the label as description and the quantity column's figure", async () => {
    const runs = [
      { x: 36, y: 760, text: "Item" },
      { x: 58, y: 760, text: "Descrição" },
      { x: 356, y: 760, text: "UN" },
      { x: 378, y: 760, text: "Qtd" },
      { x: 416, y: 760, text: "Vlr. Unit." },
      { x: 36, y: 745, text: "01" },
      { x: 58, y: 745, text: "Rolamento 25x52x15 mm P/N: 6205-2RS" },
      { x: 360, y: 745, text: "PC" },
      { x: 380, y: 745, text: "10.000,00" },
      { x: 420, y: 745, text: "R$ 268,38" },
      { x: 58, y: 736, text: "NCM 8482.10.10 | Entrega 30/08/2024" },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(items).toEqual([
      expect.objectContaining({
        partnumber: "6205-2RS",
        description: "Rolamento 25x52x15 mm",
        quantity: 10000,
      }),
    ]);
  });

  it("does not lend a header's quantity column to a labelled part number in prose", async () => {
    const runs = [
      { x: 36, y: 760, text: "Item" },
      { x: 58, y: 760, text: "Descrição" },
      { x: 378, y: 760, text: "Qtd" },
      { x: 420, y: 760, text: "Total" },
      { x: 36, y: 745, text: "01" },
      { x: 58, y: 745, text: "Serviço de instalação" },
      { x: 380, y: 745, text: "1" },
      { x: 420, y: 745, text: "R$ 50,00" },
      // A remark printed across the quantity and total columns further down the page.
      { x: 380, y: 600, text: "40" },
      { x: 420, y: 600, text: "Substitute P/N: LM317T" },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(items).toEqual([expect.objectContaining({ partnumber: "LM317T" })]);
    expect(items[0]!.quantity).toBeUndefined();
  });
});

describe("packing-list description clauses", () => {
  it("lifts a trailing 'manufacturer …' clause and drops the date code, keeping packaging prose", () => {
    expect(
      splitDescription(
        "PCB header 3 positions, 5.08 mm pitch; RoHS / REACH compliant, supplied on tape and reel; date code 2322; manufacturer Phoenix Contact",
      ),
    ).toEqual({
      description: "PCB header 3 positions, 5.08 mm pitch; RoHS / REACH compliant, supplied on tape and reel",
      manufacturer: "Phoenix Contact",
    });
  });

  it("keeps 'manufacturer' inside prose and drops tariff codes and distributor references", () => {
    expect(splitDescription("Switch; individually labelled with manufacturer label")).toEqual({
      description: "Switch; individually labelled with manufacturer label",
    });
    expect(splitDescription("Red LED 0603 HTS 8541.41 ref. LTST-C191KRKT-ND")).toEqual({
      description: "Red LED 0603",
    });
  });
});
