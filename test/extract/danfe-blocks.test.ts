import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { DANFE_HEADER, danfePage, danfeRow } from "./fixtures/danfe";
import { pdfWithText } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

const read = async (opts: Parameters<typeof danfePage>[0]) =>
  extractPdf(await pdfWithText([danfePage(opts)]));

// Invented issuers, codes and part numbers; the layout is the Manual DANFE's.
describe("a DANFE's parts come from its item table only", () => {
  it("reads no plate, street, volume mark or seal from the other blocks when the item header is unfamiliar", async () => {
    const header = [
      "COD",
      "DISCRIMINACAO",
      "CLASSIF",
      "ST",
      "NAT",
      "UNID",
      "QTDE",
      "PRECO",
      "TOTAL",
      "BASE",
      "ICMS",
      "IPI",
      "%ICMS",
      "%IPI",
    ];
    const { items } = await read({
      header,
      rows: [danfeRow("10877", "SENSOR INDUTIVO M18 PNP KT4471-B", "85365090")],
    });
    expect(partnumbers(items)).toEqual(["KT4471-B"]);
  });

  it("takes no vehicle or host model named after 'P/' or 'para' as the part", async () => {
    const { items } = await read({
      rows: [
        danfeRow("10234", "ROLAMENTO RIGIDO QX6205-2RS", "84821010"),
        danfeRow("11002", "KIT RETENTOR GARFO P/ VX160 TITAN XRT300", "40169300"),
      ],
    });
    expect(partnumbers(items)).toEqual(["QX6205-2RS"]);
  });

  it("takes no model that several different products share on their lines", async () => {
    const { items } = await read({
      rows: [
        danfeRow("11003", "PASTILHA FREIO DIANTEIRA XRT300", "68132000"),
        danfeRow("11004", "CABO EMBREAGEM XRT300 REFORCADO", "87141000"),
        danfeRow("11005", "SENSOR INDUTIVO KT4471-B", "85365090"),
      ],
    });
    expect(partnumbers(items)).toEqual(["KT4471-B"]);
  });

  it("skips serial, chassis and supplier codes printed without a colon under an item", async () => {
    const found = read({
      rows: [danfeRow("20001", "MOTOR ELETRICO TRIFASICO", "85015210")],
      itemNotes: ["NUM SERIE XK23-00172 REF FORN VX-88123", "CHASSI 9C2KC1670HR123456"],
    });
    await expect(found).rejects.toMatchObject({ code: "no_partnumbers" });
  });
});

describe("specification figures in a description are not the part", () => {
  it("passes over capacities, resolutions and sizes to the model code", async () => {
    const { items } = await read({
      rows: [
        danfeRow("5512", "NOTEBOOK 15,6POL 16GB 1080P QXB-1420F", "84713012", "5405"),
        danfeRow("5513", "MOUSE OPTICO 12400DPI 7200RPM PRETO", "84716053", "5405"),
        danfeRow("5514", "COLCHAO CASAL 138X188 ESPUMA D33", "94042100", "5405"),
      ],
    });
    expect(partnumbers(items)).toEqual(["QXB-1420F"]);
  });
});

describe("a DANFE's product code is the maker's part number only on the maker's own sales", () => {
  it("takes the code of a line whose CFOP sells the issuer's own production", async () => {
    const { items } = await read({
      rows: [
        danfeRow("VKM2210-05T", "CIRCUITO INTEGRADO TEMPORIZADOR", "85423990", "5101"),
        danfeRow("100234", "VALVULA ESFERA TRIPARTIDA 1/2", "84818099", "6101"),
      ],
    });
    expect(partnumbers(items)).toEqual(["VKM2210-05T", "100234"]);
  });

  it("finds no part in a resale whose lines name none: the codes are the seller's, and nothing else is read", async () => {
    const rows = [
      danfeRow("VKM2210-05T", "CIRCUITO INTEGRADO TEMPORIZADOR", "85423990", "5102"),
      danfeRow("AB-2211", "CORREIA DENTADA REFORCADA", "40103900", "5102"),
    ];
    await expect(read({ header: DANFE_HEADER, rows })).rejects.toMatchObject({ code: "no_partnumbers" });
  });

  it("reads the item table's first column as the issuer's code whatever its header says", async () => {
    const rows = [
      danfeRow("MT-0512", "CABO ACELERADOR COMPLETO", "87141000"),
      danfeRow("CB3001KIT", "KIT TRANSMISSAO REFORCADO", "87141000"),
      danfeRow("A12345B", "RETENTOR BENGALA PAR", "40169300"),
    ];
    for (const first of ["ITEM", "CÓD.", "CÓD. DO PRODUTO"]) {
      const header = [first, ...DANFE_HEADER.slice(1)];
      await expect(read({ header, rows }), first).rejects.toMatchObject({ code: "no_partnumbers" });
    }
  });
});
