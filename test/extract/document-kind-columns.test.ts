import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { type Placed, pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

// An NF-e printout's title block: what makes the document a DANFE (invented issuer, no real key).
const DANFE_TITLE: Placed[] = [
  { x: 20, y: 820, text: "DANFE" },
  { x: 20, y: 810, text: "DOCUMENTO AUXILIAR DA NOTA FISCAL ELETRÔNICA" },
  { x: 20, y: 800, text: "CHAVE DE ACESSO" },
  { x: 20, y: 790, text: "NATUREZA DA OPERAÇÃO  VENDA DE MERCADORIA" },
];
const XS = [20, 90, 260, 310, 340, 370, 400, 450];
const HEADER = [
  "CÓDIGO PRODUTO",
  "DESCRIÇÃO DO PRODUTO/SERVIÇO",
  "NCM/SH",
  "CST",
  "CFOP",
  "UNID",
  "QUANT",
  "V. UNITÁRIO",
];

// Invented codes, part numbers and makers.
describe("the document's kind decides which column holds the part", () => {
  it("reads a DANFE's product code as the seller's and takes the maker's code from the description", async () => {
    const rows = [
      ["PRD-00412", "SENSOR PRESSAO KT4471-B KELPTEK", "90262090", "000", "5102", "UN", "2,0000", "122,0000"],
      ["PRD-00413", "REGULADOR TENSAO QX7781-22B", "85423990", "000", "5102", "UN", "5,0000", "3,5000"],
      ["PRD-00414", "CABO DE FORCA 2M PRETO", "85444900", "000", "5102", "UN", "1,0000", "10,9300"],
    ];
    const { items, kind } = await extractPdf(
      await pdfWithText([[...DANFE_TITLE, ...tableRuns(XS, HEADER, rows, 700)]]),
    );
    expect(kind).toBe("danfe");
    expect(partnumbers(items)).toEqual(["KT4471-B", "QX7781-22B"]);
    expect(items[1]).toMatchObject({ declaredNcm: "85423990", unit: "UN", quantity: 5 });
  });

  it("keeps a DANFE product code that is the maker's part number on the maker's own sale (CFOP x101)", async () => {
    const rows = [
      [
        "VKM2210-05T",
        "CIRCUITO INTEGRADO TEMPORIZADOR",
        "85423990",
        "000",
        "5101",
        "UN",
        "10,0000",
        "1,2000",
      ],
      ["000123", "CAIXA DE PAPELAO", "48191000", "000", "5102", "UN", "1,0000", "2,0000"],
    ];
    const { items } = await extractPdf(
      await pdfWithText([[...DANFE_TITLE, ...tableRuns(XS, HEADER, rows, 700)]]),
    );
    expect(partnumbers(items)).toEqual(["VKM2210-05T"]);
  });

  it("skips an order or lot number printed in the description and reads the maker from 'MARCA:'", async () => {
    const rows = [
      [
        "PRD-00412",
        "SENSOR KT4471-B MARCA: KELPTEK COR: INOX",
        "90262090",
        "000",
        "5102",
        "UN",
        "2,0000",
        "1,0000",
      ],
      ["PRD-00413", "CABO DE FORCA PEDIDO: PX44871-A", "85444900", "000", "5102", "UN", "1,0000", "1,0000"],
      ["PRD-00414", "CAIXA PLASTICA LOTE: LQ88213-B", "39231000", "000", "5102", "UN", "1,0000", "1,0000"],
    ];
    const { items } = await extractPdf(
      await pdfWithText([[...DANFE_TITLE, ...tableRuns(XS, HEADER, rows, 700)]]),
    );
    expect(items.map((i) => [i.partnumber, i.manufacturer])).toEqual([["KT4471-B", "KELPTEK"]]);
  });
});
