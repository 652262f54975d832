import { describe, expect, it } from "vitest";
import { ncmWordTerms } from "../../src/classify/glossary/ncm-words";
import { buildQuery } from "../../src/classify/query-text";
import { normalizeText } from "../../src/classify/rules/context";

describe("NCM vocabulary in English and Spanish", () => {
  it("inverts NCM words into terms, a term listed under two words standing for both", () => {
    const terms = ncmWordTerms(
      [{ words: { ferrolhos: "bolt, cerrojo", pinos: "Bolt, pin", cavilhas: "cavilhas" } }],
      normalizeText,
    );
    expect(terms.get("bolt")).toBe("ferrolhos pinos");
    expect(terms.get("cerrojo")).toBe("ferrolhos");
    expect(terms.has("cavilhas")).toBe(false);
  });

  it("lets an English or Spanish description reach the NCM's words where no hand glossary does", () => {
    expect(buildQuery("ostrich feathers").text).toContain("avestruzes");
    expect(buildQuery("lentejas secas").text).toContain("lentilhas");
  });
});

describe("everyday names of what a heading holds", () => {
  it("adds the heading's words to a name its text does not use, keeping the name", () => {
    const q = buildQuery("CADEIRA GIRATORIA").text;
    expect(q).toContain("assentos");
    expect(q).toContain("cadeira");
  });

  it("matches a phrase with or without its joining words", () => {
    expect(buildQuery("TOALHA BANHO").text).toBe(buildQuery("toalha de banho").text);
    expect(buildQuery("TOALHA BANHO").text).toContain("toucador");
  });
});
