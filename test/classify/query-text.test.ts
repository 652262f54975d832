import { describe, expect, it } from "vitest";
import { buildQuery, GLOSSARY_FILES } from "../../src/classify/query-text";
import { normalizeText } from "../../src/classify/rules/context";

describe("search query construction", () => {
  it("keeps each glossary term in one file only", () => {
    const seen = new Map<string, number>();
    GLOSSARY_FILES.forEach((file, i) => {
      for (const term of Object.keys(file.terms)) {
        const key = normalizeText(term);
        expect(seen.get(key), `"${term}" repeated`).toBeUndefined();
        seen.set(key, i);
      }
    });
  });

  it("moves the product word ahead of a leading modifier, so the head is the product", () => {
    const q = buildQuery("CJ GARFO INOX 6 PCS");
    expect(q.text.split(" ").slice(0, q.head)).toEqual(["garfos"]);
    expect(q.text).toContain("conjunto");
  });

  it("drops countries of origin and reads English plurals through the singular entry", () => {
    expect(buildQuery("stainless steel hinges from Taiwan").text).toBe("aco inoxidavel dobradicas");
  });

  it("reads an unknown word with a drug-name ending as a medicine, and leaves other words alone", () => {
    expect(buildQuery("ZETAPRAZOL 20 MG").text).toContain("medicamentos");
    expect(buildQuery("ZETAPRAZOLINHA 20").text).not.toContain("medicamentos");
  });

  it("lets a compound also stand for its parts in the table's words, and leaves look-alikes whole", () => {
    expect(buildQuery("isolador multicamadas").text).toBe("isolador multicamadas multiplos camadas");
    expect(buildQuery("multilayers").text).toContain("camadas");
    expect(buildQuery("multiplicador").text).toBe("multiplicador");
  });
});
