import { describe, expect, it } from "vitest";
import { CLASSES } from "../../src/classify/rules/classes";
import {
  classifyByRules,
  FAMILY_RULES,
  KEYWORD_RULES,
  RULES_CONFIDENCE_THRESHOLD,
  ruleNcmCodes,
} from "../../src/classify/rules/index";

const classify = (partnumber: string, description?: string, manufacturer?: string) =>
  classifyByRules({ partnumber, description, manufacturer });

describe("family patterns", () => {
  // Each row of families.json carries an invented MPN of its shape (rules/families.json `example`).
  it.each(FAMILY_RULES.map((r) => [r.label, r] as const))("%s", (label, rule) => {
    expect(rule.example).toBeDefined();
    const c = classify(rule.example ?? "", undefined, rule.exampleManufacturer);
    expect(c).not.toBeNull();
    // The example must be caught by this rule, not shadowed by an earlier one.
    expect(c?.rationale).toContain(label);
    expect(c?.ncm.slice(0, 4)).toBe(CLASSES[rule.cls].ncm.slice(0, 4));
    expect(c?.source).toBe("rules");
  });

  it("names the maker of a one-maker family, and none for a family several makers share", () => {
    expect(classify("GRM999X00Z000")?.manufacturer).toBe("Murata");
    const shared = classify("B72999");
    expect(shared?.rationale).toContain("Littelfuse/EPCOS varistor family");
    expect(shared?.manufacturer).toBeNull();
  });

  it("numeric maker families need the maker", () => {
    expect(classify("1757575")).toBeNull();
    expect(classify("1757575", "", "Phoenix Contact")?.ncm).toBe("85369090");
    // The maker named at the start of the description is enough
    expect(classify("0430483745", "Molex Micro-Fit 3.0 receptacle housing, 4 circuits")?.rationale).toContain(
      "Molex",
    );
  });

  it("does not read TI TPS regulators as AVX TPS tantalum capacitors", () => {
    expect(classify("TPS7A4733RGWR")?.ncm.slice(0, 4)).toBe("8542");
    expect(classify("TPSD437K343R0433")?.ncm.slice(0, 4)).toBe("8532");
  });
});

describe("description keywords", () => {
  it.each([
    ["EN", "Multilayer ceramic capacitor 100nF 50V X7R 0603", "85322410"],
    ["PT", "Capacitor cerâmico multicamada 100nF 50V 0603", "85322410"],
    ["ES", "Condensador cerámico multicapa 100nF 50V 0603", "85322410"],
    ["DE", "Keramikkondensator 100nF 50V 0603", "85322410"],
  ])("MLCC in %s", (_lang, description, ncm) => {
    expect(classify("UNKNOWN-1", description)?.ncm).toBe(ncm);
  });

  it.each([
    ["EN", "Thick film chip resistor 10k 1% 0603", "85332120"],
    ["PT", "Resistor SMD 10k 1% 0603", "85332120"],
    ["ES", "Resistencias SMD 10k 1% 0603", "85332120"],
    ["DE", "Dickschicht-Widerstand 10k 0603", "85332120"],
  ])("chip resistor in %s", (_lang, description, ncm) => {
    expect(classify("UNKNOWN-2", description)?.ncm).toBe(ncm);
  });

  it.each([
    ["EN", "Glass fuse 5x20mm 2A slow blow", "85361000"],
    ["PT", "Fusível de vidro 5x20mm 2A", "85361000"],
    ["ES", "Fusible cerámico 5x20mm 2A", "85361000"],
    ["DE", "Feinsicherung 5x20 2A träge", "85361000"],
    ["EN", "Heat shrink tubing 2:1 3.2mm black", "39269090"],
    ["PT", "Tubo termorretrátil 3mm preto", "39269090"],
    ["ES", "Tubo termorretráctil 3mm negro", "39269090"],
    ["DE", "Schrumpfschlauch 2:1 schwarz 3,2 mm", "39269090"],
    ["EN", "Terminal block 2 position 5.08mm", "85369090"],
    ["PT", "Régua de bornes 12 vias", "85369090"],
    ["ES", "Bloque de terminales 3 posiciones", "85369090"],
    ["DE", "Reihenklemme 2,5 mm² grau", "85369090"],
    ["EN", "Deep groove ball bearing 20x47x14", "84821010"],
    ["PT", "Rolamento rígido de esferas 20x47x14", "84821010"],
    ["ES", "Rodamiento rígido de bolas 20x47x14", "84821010"],
    ["DE", "Rillenkugellager 20x47x14", "84821010"],
    ["EN", "General purpose relay SPDT 12VDC coil", "85364100"],
    ["PT", "Relé de uso geral 12V SPDT", "85364100"],
    ["EN", "Crystal 16 MHz 18pF HC-49", "85416010"],
    ["ES", "Cristal de cuarzo 8 MHz", "85416010"],
    ["EN", "Power inductor 10uH 2A shielded", "85045010"],
    ["DE", "Speicherdrossel 22uH", "85045010"],
    ["PT", "Parafuso Allen M3x10 aço", "73181500"],
    ["ES", "Tuerca hexagonal M4 acero", "73181600"],
  ])("%s: %s", (_lang, description, ncm) => {
    expect(classify("UNKNOWN-3", description)?.ncm).toBe(ncm);
  });

  it("lets the holder or the module win over the part it carries", () => {
    expect(classify("X1", "Fuse holder 5x20mm PCB mount")?.ncm).toBe("85369090");
    expect(classify("X2", "LED driver IC constant current SOT-23-6")?.ncm.slice(0, 4)).toBe("8542");
    expect(classify("X3", "Screw terminal block 2 pos 5.08mm")?.ncm).toBe("85369090");
    expect(classify("X4", "DIMM DDR4 socket 288 position")?.ncm).toBe("85369040");
    const board = classify("X5", "Relay module evaluation board");
    expect(board?.confidence ?? 0).toBeLessThan(RULES_CONFIDENCE_THRESHOLD);
  });
});

describe("distributor abbreviations", () => {
  it.each([
    ["CAP CER 0.1UF 50V X7R 0402", "85322410"],
    ["CAP TANT 10UF 16V 10% 1206", "85322111"],
    ["RES SMD 10K OHM 1% 1/10W 0603", "85332120"],
    ["CONN HEADER VERT 4POS 2.54MM", "85369040"],
    ["TERM BLK 2P SIDE ENT 5.08MM PCB", "85369090"],
    ["TRANS NPN 40V 0.2A SOT23", "85412120"],
  ])("%s", (description, ncm) => {
    expect(classify("ZZ-ABBR", description)?.ncm).toBe(ncm);
  });

  it("reads a pin-count package such as 28DIP as through-hole", () => {
    expect(classify("ATMEGA77PA-PU", "IC MCU 8BIT 8KB FLASH 28DIP")?.ncm).toBe("85423190");
  });
});

describe("NCM subdivisions from context", () => {
  it("through-hole MLCC goes to the PTH subitem", () => {
    expect(classify("UNKNOWN-4", "Ceramic capacitor multilayer 100nF radial through hole")?.ncm).toBe(
      "85322420",
    );
  });
  it("resistor above 20 W leaves 8533.21", () => {
    expect(classify("UNKNOWN-5", "Thick film power resistor 50 W TO-220")?.ncm).toBe("85332900");
  });
  it("through-hole diode above 3 A", () => {
    expect(classify("UNKNOWN-6", "Schottky rectifier diode 40V 5A through hole DO-201AD")?.ncm).toBe(
      "85411039",
    );
  });
  it("watch crystal in kHz leaves the 1-100 MHz subitem", () => {
    expect(classify("UNKNOWN-7", "Crystal 32.768 kHz 12.5pF")?.ncm).toBe("85416090");
  });
  it("relay with a mains coil is above 60 V", () => {
    expect(classify("UNKNOWN-8", "Power relay SPDT 230VAC coil 10A")?.ncm).toBe("85364900");
  });
  it("nylon screw is an article of plastic", () => {
    expect(classify("UNKNOWN-9", "Nylon screw M3x6 pan head")?.ncm).toBe("39269090");
  });
});

describe("confidence", () => {
  const desc = "Multilayer ceramic capacitor 1uF 10V X5R 0402";

  it("family plus agreeing keyword is high", () => {
    expect(classify("GRM155R61A438KE48D", desc)?.confidence ?? 0).toBeGreaterThanOrEqual(0.9);
  });

  it("family plus keyword beats keyword only and family only", () => {
    const both = classify("GRM155R61A438KE48D", desc)?.confidence ?? 0;
    const keywordOnly = classify("ZZ-0001", desc)?.confidence ?? 0;
    const familyOnly = classify("GRM155R61A438KE48D")?.confidence ?? 0;
    expect(both).toBeGreaterThan(keywordOnly);
    expect(both).toBeGreaterThan(familyOnly);
    expect(keywordOnly).toBeGreaterThanOrEqual(RULES_CONFIDENCE_THRESHOLD);
  });

  it("a conflict between family and description falls below the threshold", () => {
    const c = classify("GRM155R61A438KE48D", "Deep groove ball bearing 6203");
    expect(c?.confidence ?? 0).toBeLessThan(RULES_CONFIDENCE_THRESHOLD);
    expect(c?.rationale).toMatch(/conflict/i);
  });

  it("generic words alone stay below the threshold", () => {
    expect(classify("ZZ-0002", "Capacitor 10uF")?.confidence ?? 0).toBeLessThan(RULES_CONFIDENCE_THRESHOLD);
    expect(classify("ZZ-0003", "Cable 2m grey")?.confidence ?? 0).toBeLessThan(RULES_CONFIDENCE_THRESHOLD);
  });

  it("a manufacturer hint alone is low", () => {
    const c = classify("ZZ-0004", "", "Samtec");
    expect(c).not.toBeNull();
    expect(c?.confidence ?? 1).toBeLessThan(RULES_CONFIDENCE_THRESHOLD);
  });

  it("unknown parts give null", () => {
    expect(classify("QWERTY-123", "Thing for stuff")).toBeNull();
    expect(classify("", "")).toBeNull();
  });

  it("threshold is 0.7", () => {
    expect(RULES_CONFIDENCE_THRESHOLD).toBe(0.7);
  });
});

describe("output contract and determinism", () => {
  const parts = [
    { partnumber: "CL10B104KB1NNNC", description: "CAP CER 0.1UF 50V X7R 0603", manufacturer: "Samsung" },
    { partnumber: "6005-2Z/C3", description: "Ball bearing", manufacturer: "SKF" },
    { partnumber: "ZZ-0005", description: "Heat shrink tubing 3:1 with adhesive", manufacturer: null },
    { partnumber: "ZZ-0006", description: null, manufacturer: "WAGO" },
  ];

  it("returns the documented shape", () => {
    for (const p of parts) {
      const c = classifyByRules(p);
      expect(c).not.toBeNull();
      expect(c?.source).toBe("rules");
      expect(c?.ncm).toMatch(/^\d{8}$/);
      expect(c?.confidence).toBeGreaterThanOrEqual(0);
      expect(c?.confidence).toBeLessThanOrEqual(1);
      expect(c?.rationale.length).toBeGreaterThan(10);
      expect(c?.description?.length ?? 0).toBeGreaterThan(3);
    }
  });

  it("is deterministic and independent of call order", () => {
    const forward = parts.map((p) => classifyByRules(p));
    const backward = [...parts]
      .reverse()
      .map((p) => classifyByRules(p))
      .reverse();
    expect(backward).toEqual(forward);
    expect(parts.map((p) => classifyByRules(p))).toEqual(forward);
  });

  it("every code the tables can emit is an 8-digit string", () => {
    // Existence in the official table is checked by scripts/check-rule-codes.ts (needs the file).
    const codes = ruleNcmCodes();
    expect(codes.length).toBeGreaterThan(50);
    for (const code of codes) expect(code).toMatch(/^\d{8}$/);
  });

  it("every rule points at a known class and has a sane confidence", () => {
    for (const r of [...FAMILY_RULES, ...KEYWORD_RULES]) {
      expect(CLASSES[r.cls]).toBeDefined();
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThan(1);
    }
  });
});
