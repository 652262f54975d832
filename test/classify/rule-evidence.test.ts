import { describe, expect, it } from "vitest";
import { classifyByRules, RULES_CONFIDENCE_THRESHOLD } from "../../src/classify/rules/index";

// Invented descriptions; each case is one general failure class of a single trigger word.
const classify = (description: string, partnumber = "") => classifyByRules({ partnumber, description });
const sure = (description: string, partnumber = "") =>
  (classify(description, partnumber)?.confidence ?? 0) >= RULES_CONFIDENCE_THRESHOLD;

describe("a single trigger word needs supporting context", () => {
  it("a word that only qualifies another head noun classifies nothing (PT head first, EN head last)", () => {
    expect(classify("LAPISEIRA TRAMA CRISTAL 0,7")).toBeNull();
    expect(classify("Garden LED lanterns")).toBeNull();
    expect(classify("TOALHA ALCALINA LIMPEZA")).toBeNull();
  });

  it("the head noun with a word of its trade is trusted; the head noun alone is not", () => {
    expect(classify("Cristal 12 MHz HC-49")?.ncm).toBe("85416010");
    expect(sure("Cristal 12 MHz HC-49")).toBe(true);
    expect(classify("a crystal from Korea")?.ncm).toBe("85416010");
    expect(sure("a crystal from Korea")).toBe(false);
  });

  it("a word of the class's own trade backs it even where a colour or function word comes first", () => {
    expect(sure("Azul LED 3mm 470nm")).toBe(true);
    // volts and watts are any electrical thing's: not enough for a word that is not the head
    expect(sure("ARANDELA LED 9W 127V")).toBe(false);
  });

  it("'for X' / 'p/ X' means the item is used with X, 'with X' / 'c/ X' that it contains X", () => {
    expect(classify("Driver bits for hex screws")?.ncm.slice(0, 4)).not.toBe("7318");
    expect(sure("Driver bits for hex screws")).toBe(false);
    expect(classify("TAMPA P/ FUSIVEL")).toBeNull();
    expect(classify("Tapete c/ led")).toBeNull();
    // NF-e lines often write the abbreviation against the next word
    expect(classify("TAMPA P/FUSIVEL 5X20")?.ncm).not.toBe("85361000");
    expect(classify("CABO C/FUSIVEL 5X20 10A")?.ncm).not.toBe("85361000");
  });

  it("a head noun followed by 'para X' of another trade is a part for X, not sure", () => {
    expect(classify("FUSIVEL PARA FOGAO 10A")?.ncm).toBe("85361000");
    expect(sure("FUSIVEL PARA FOGAO 10A")).toBe(false);
    expect(sure("FUSIVEL 5X20 10A")).toBe(true);
    expect(sure("FUSIVEL PARA AUTOMOVEL 10A")).toBe(true);
  });

  it("a phrase with no word of its trade beside it is not sure either", () => {
    expect(sure("Leather card holder wallet")).toBe(false);
    expect(sure("SD card socket 9 pins smd")).toBe(true);
  });

  it("under an accessory's or a set's head noun the trigger is not the item", () => {
    expect(sure("ESTOJO PARAFUSOS M4 SORTIDOS")).toBe(false);
    expect(sure("PARAFUSO M4X10 ZINCADO")).toBe(true);
  });

  it("a medical or food description is outside every keyword's chapter", () => {
    expect(classify("Parafuso cortical implante 3,5x20mm")).toBeNull();
  });

  it("a distributor's ' / Category' names the head outright", () => {
    expect(sure("Acme SX-1 12 x 6 mm / Slide Switches")).toBe(true);
  });

  it("an MPN family whose description names something of another kind is not sure", () => {
    const family = classify("", "GRM188R71H104KA93D");
    expect(family?.confidence).toBeGreaterThanOrEqual(RULES_CONFIDENCE_THRESHOLD);
    expect(sure("TOALHA DE ROSTO 50X70", "GRM188R71H104KA93D")).toBe(false);
    expect(sure("CAP CER 0.1UF 50V X7R 0603", "GRM188R71H104KA93D")).toBe(true);
  });
});
