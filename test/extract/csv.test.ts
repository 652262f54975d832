import { describe, expect, it } from "vitest";
import { extractCsv } from "../../src/extract/index";
import { ExtractionError } from "../../src/extract/types";
import { latin1, partnumbers, utf8 } from "./fixtures/text";

describe("CSV extraction", () => {
  it("reads UTF-8 with commas and quoted fields", async () => {
    const csv =
      'Ref,Qty,Value,MPN,Manufacturer\n"C1, C2",2,100nF,GRM188R71H104KA93D,Murata\nR1,1,10k,RC0603FR-0710KL,YAGEO\n';
    const { items, pages } = await extractCsv(utf8(csv));
    expect(partnumbers(items)).toEqual(["GRM188R71H104KA93D", "RC0603FR-0710KL"]);
    expect(items[0]).toMatchObject({ quantity: 2, manufacturer: "Murata", page: 2, via: "column" });
    expect(pages).toBe(2);
  });

  it("reads UTF-8 with a BOM and semicolons", async () => {
    const csv = "Código do fabricante;Descrição;Quantidade\r\nLM317T;Regulador ajustável;1.000\r\n";
    const { items } = await extractCsv(utf8(csv, true));
    expect(items).toMatchObject([
      { partnumber: "LM317T", description: "Regulador ajustável", quantity: 1000 },
    ]);
  });

  it("falls back to Latin-1 when the bytes are not UTF-8", async () => {
    const csv =
      "Referência do fabricante;Descrição;Qtd\nQT847KLX9;Transistor NPN;500\n6205-2RS1;Rolamento rígido;20\n";
    const { items } = await extractCsv(latin1(csv));
    expect(partnumbers(items)).toEqual(["QT847KLX9", "6205-2RS1"]);
    expect(items[1]!.description).toBe("Rolamento rígido");
  });

  it("reads Latin-1 with commas", async () => {
    const csv = "Nº de pieza,Descripción,Cantidad\nSMBJ5.0A,Diodo TVS,100\n";
    const { items } = await extractCsv(latin1(csv));
    expect(partnumbers(items)).toEqual(["SMBJ5.0A"]);
  });

  it("reports binary content as spreadsheet_unreadable", async () => {
    const err = await extractCsv(new Uint8Array([0, 1, 2, 3, 0, 255, 0])).catch((e: ExtractionError) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).code).toBe("spreadsheet_unreadable");
  });

  it("reports a list without part numbers as no_partnumbers", async () => {
    const err = await extractCsv(utf8("Name;City\nAna;Porto Alegre\n")).catch((e: ExtractionError) => e);
    expect((err as ExtractionError).code).toBe("no_partnumbers");
  });
});
