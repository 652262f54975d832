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
