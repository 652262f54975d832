import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { type Placed, pdfWithText } from "./fixtures/pdf";

// Lays out one table row: the cells of `values` at the columns' x, skipping empty ones.
const row = (xs: number[], y: number, values: (string | null)[]): Placed[] =>
  values.flatMap((text, k) => (text ? [{ x: xs[k]!, y, text }] : []));

const fields = async (runs: Placed[]) =>
  (await extractPdf(await pdfWithText([runs]))).items.map(
    ({ partnumber, description, manufacturer, quantity }) => ({
      partnumber,
      description,
      manufacturer,
      quantity,
    }),
  );

describe("which row owns a wrapped line", () => {
  it("keeps a top-aligned row's tail even when the next row starts closer to it than its own anchor", async () => {
    const xs = [40, 80, 220, 300, 420];
    const runs = [
      ...row(xs, 760, ["Ref", "Description", "Manufacturer", "Manufacturer Part Number", "Qty"]),
      ...row(xs, 740, ["T3", "0.5A Id, 60V Vds, N-Channel", "onsemi", "BS170", "1"]),
      ...row(xs, 730, [null, "MOSFET, TO-92"]),
      ...row(xs, 721, ["X1", "Generic connector, single", "Harwin", "M20-9960445", "2"]),
      ...row(xs, 711, [null, "row, 01x04"]),
      ...row(xs, 702, ["X2", "Generic connector, single", "Harwin", "M20-9750346", "3"]),
      ...row(xs, 692, [null, "row, 01x03"]),
    ];
    expect(await fields(runs)).toEqual([
      {
        partnumber: "BS170",
        description: "0.5A Id, 60V Vds, N-Channel MOSFET, TO-92",
        manufacturer: "onsemi",
        quantity: 1,
      },
      {
        partnumber: "M20-9960445",
        description: "Generic connector, single row, 01x04",
        manufacturer: "Harwin",
        quantity: 2,
      },
      {
        partnumber: "M20-9750346",
        description: "Generic connector, single row, 01x03",
        manufacturer: "Harwin",
        quantity: 3,
      },
    ]);
  });

  it("splits padded rows at their gaps although most rows do not wrap", async () => {
    const xs = [40, 70, 160, 250, 420];
    const runs = [
      ...row(xs, 760, ["Item", "Part Number", "Manufacturer", "Description", "Qty"]),
      ...row(xs, 740, ["1", "MMBT3904LT1G", "onsemi", "NPN transistor", "1,000"]),
      ...row(xs, 727.3, ["2", "LL4148-M-08", "Vishay General", "Diode 100 V SOD-80", "4,000"]),
      ...row(xs, 718.2, [null, null, "Semiconductor -"]),
      ...row(xs, 709, [null, null, "Diodes Division"]),
      ...row(xs, 696.4, ["3", "TSW-106-25-G-T-RA", "Samtec", "PCB header", "50"]),
      ...row(xs, 683.7, ["4", "QT847KLX9", "onsemi", "Transistor", "100"]),
    ];
    const got = await fields(runs);
    expect(got.map((i) => i.manufacturer)).toEqual([
      "onsemi",
      "Vishay General Semiconductor - Diodes Division",
      "Samtec",
      "onsemi",
    ]);
  });

  it("gives the lines around a vertically centred anchor to that anchor", async () => {
    const xs = [40, 70, 200, 330];
    const runs = [
      ...row(xs, 760, ["ID", "MPN", "Footprint", "Qty"]),
      ...row(xs, 740, ["1", "SS8050", "SOT-23", "1"]),
      ...row(xs, 728.4, [null, "SPX3819M5-L-3-", "SOT-23-5_L3.0-"]),
      ...row(xs, 720, ["2", null, null, "4"]),
      ...row(xs, 711.6, [null, "3/TR", "W1.7"]),
      ...row(xs, 696, ["3", "TPD4E1U06DBVR", "SOT-23-6", "2"]),
    ];
    expect((await fields(runs)).map((i) => [i.partnumber, i.quantity])).toEqual([
      ["SS8050", 1],
      ["SPX3819M5-L-3-3/TR", 4],
      ["TPD4E1U06DBVR", 2],
    ]);
  });
});

describe("catalogue cards", () => {
  it("reads the title above a labelled part number and the manufacturer line below, column by column", async () => {
    const size = 7;
    const runs: Placed[] = [
      { x: 60, y: 730, text: "Thick film chip resistor 47 Ohms 0603" },
      { x: 60, y: 721.5, text: "Manufacturer part no.: CRCW060347R0FKEA" },
      { x: 60, y: 713, text: "Manufacturer: Vishay Dale" },
      { x: 60, y: 704.5, text: "Item code SKU-12074" },
      { x: 60, y: 696, text: "US$ 0.01 /pc" },
      { x: 320, y: 726, text: "Deep groove ball bearing 17x40x12 mm," },
      { x: 320, y: 717.5, text: "metal shields both sides" },
      { x: 320, y: 709, text: "Manufacturer part no.: 6203-2Z" },
      { x: 320, y: 700.5, text: "Manufacturer: SKF" },
      { x: 60, y: 675, text: "Voltage regulator 100mA" },
      { x: 60, y: 666.5, text: "Manufacturer part no.: KA78L05AMTF" },
      { x: 60, y: 658, text: "Manufacturer: onsemi" },
    ].map((r) => ({ ...r, size }));
    const got = await fields(runs);
    expect(got).toEqual(
      expect.arrayContaining([
        {
          partnumber: "CRCW060347R0FKEA",
          description: "Thick film chip resistor 47 Ohms 0603",
          manufacturer: "Vishay Dale",
          quantity: undefined,
        },
        {
          partnumber: "6203-2Z",
          description: "Deep groove ball bearing 17x40x12 mm, metal shields both sides",
          manufacturer: "SKF",
          quantity: undefined,
        },
        {
          partnumber: "KA78L05AMTF",
          description: "Voltage regulator 100mA",
          manufacturer: "onsemi",
          quantity: undefined,
        },
      ]),
    );
    expect(got).toHaveLength(3);
  });

  it("does not take the prose paragraph above a labelled part number as its description", async () => {
    const runs: Placed[] = [
      { x: 40, y: 740, text: "Thank you for your enquiry. We are pleased to quote the following" },
      { x: 40, y: 728, text: "parts, which are available from stock in the quantities you asked" },
      { x: 40, y: 716, text: "for, with delivery in two weeks from the date of your order, and" },
      { x: 40, y: 704, text: "subject to our general terms of sale." },
      { x: 40, y: 692, text: "P/N: LM317T" },
    ];
    const got = await fields(runs);
    expect(got).toEqual([
      { partnumber: "LM317T", description: undefined, manufacturer: undefined, quantity: undefined },
    ]);
  });
});
