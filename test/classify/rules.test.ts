import { describe, expect, it } from "vitest";
import { CLASSES } from "../../src/classify/rules/classes";
import {
  classifyByRules,
  FAMILY_RULES,
  KEYWORD_RULES,
  RULES_CONFIDENCE_THRESHOLD,
  ruleNcmCodes,
} from "../../src/classify/rules/index";

// Invented MPNs in the shape of each family (values and suffixes changed from real ones), one per
// family rule (keyed by the rule's label). A rule without an example fails the coverage test below.
const FAMILY_EXAMPLES: Record<string, { mpn: string; manufacturer?: string }> = {
  "Murata GRM/GCM MLCC family": { mpn: "GRM155R61A438KE48D" },
  "Samsung CL MLCC family": { mpn: "CL10B104KB1NNNC" },
  "TDK C-series MLCC family": { mpn: "C2012X7R1E438K458AB" },
  "TDK CGA/CGJ automotive MLCC family": { mpn: "CGA3E2X7R1H437K313AA" },
  "KEMET C-series MLCC family": { mpn: "C0603C108K7RACTU" },
  "Yageo CC MLCC family": { mpn: "CC0402KRX0R2BB435" },
  "Taiyo Yuden MLCC family": { mpn: "EMK107B7438KA-T" },
  "AVX MLCC family": { mpn: "06035C137KAT5A" },
  "KEMET tantalum family": { mpn: "T491A109K349AT" },
  "AVX tantalum family": { mpn: "TAJB226K349RNJ" },
  "Vishay tantalum family": { mpn: "293D106X9349B5TE6" },
  "Panasonic aluminium electrolytic family": { mpn: "EEE-FK4C434P" },
  "Nichicon aluminium electrolytic family": { mpn: "UVR1E404MPD" },
  "Panasonic film capacitor family": { mpn: "ECQ-E2437KB" },
  "WIMA film capacitor family": { mpn: "MKS2C031034A33KSSD" },
  "EPCOS B32 film capacitor family": { mpn: "B32529C1437J333" },
  "Yageo RC/AC/RT chip resistor family": { mpn: "RC0402FR-3043KL" },
  "Vishay CRCW/TNPW chip resistor family": { mpn: "CRCW040243K3FKED" },
  "Panasonic ERJ/ERA chip resistor family": { mpn: "ERJ-2RKF4335X" },
  "Stackpole RMCF/RNCP chip resistor family": { mpn: "RMCF0603FT43K3" },
  "Bourns CR/CRT/CRM chip resistor family": { mpn: "CR0402-FX-4335GLF" },
  "KOA RK73 chip resistor family": { mpn: "RK73H1ETTP4335F" },
  "Rohm chip resistor family": { mpn: "MCR03EZPFX4335" },
  "Susumu chip resistor family": { mpn: "RR0816P-436-D" },
  "Samsung RC chip resistor family": { mpn: "RC1608F436CS" },
  "Yageo MFR/MF metal film resistor family": { mpn: "MFR-12FTF85-7K0" },
  "Vishay CMF/RN/MBB metal film resistor family": { mpn: "CMF5510K333FHEB" },
  "Yageo CFR carbon film resistor family": { mpn: "CFR-25JB-85-4K" },
  "Bourns trimmer potentiometer family": { mpn: "3296W-1-436LF" },
  "Bourns panel potentiometer family": { mpn: "PTV09A-4053F-B436" },
  "Murata NCP/NCU NTC thermistor family": { mpn: "NCP18XH136F36RB" },
  "TDK/EPCOS thermistor family": { mpn: "B57861S0436F373" },
  "Littelfuse/EPCOS varistor family": { mpn: "V18ZA4P" },
  "PPTC resettable fuse family": { mpn: "MF-MSMF383-5" },
  "Murata LQ/BLM/DLW inductor family": { mpn: "LQM21PN5R5MC3D" },
  "TDK inductor/ferrite family": { mpn: "MLZ2012N433LT333" },
  "Coilcraft inductor family": { mpn: "XAL4020-555MEC" },
  "Bourns SRR/SRN inductor family": { mpn: "SRR1263-433M" },
  "Sumida/Taiyo/Vishay power inductor family": { mpn: "IHLP2525CZER5R5M34" },
  "Würth WE inductor/ferrite family": { mpn: "74438380355", manufacturer: "Würth Elektronik" },
  "1N4148/1N914 signal diode (MiniMELF/SOD) family": { mpn: "1N4148W-0-F" },
  "1N4148/1N914 signal diode family": { mpn: "1N4148ZX" },
  "1N400x/1N540x/1N58xx rectifier family": { mpn: "1N4004-QZ" },
  "Zener diode family (SMD)": { mpn: "BZX84C5V4LT4G" },
  "Zener diode family (PTH)": { mpn: "1N4766A" },
  "TVS diode family (SMD)": { mpn: "SMBJ5.0A-46-F" },
  "TVS diode family (PTH)": { mpn: "P6KE9.1A" },
  "ESD protection diode family": { mpn: "PESD5V3S4BA" },
  "Small-signal/Schottky diode family (SMD)": { mpn: "BAT54S-0-F" },
  "Bridge rectifier family": { mpn: "MB9S-TP" },
  "Bridge rectifier family (PTH)": { mpn: "GBU139" },
  "SMD small-signal transistor family": { mpn: "MMBT3937LT4G" },
  "TO-92 small-signal transistor family": { mpn: "2N3906ZX" },
  "Power transistor / MOSFET family": { mpn: "IRFZ47NPBF" },
  "Thyristor/TRIAC family": { mpn: "BTA16-933BRG" },
  "Lite-On LTST/LTW SMD LED family": { mpn: "LTST-C124KRKT" },
  "Kingbright APT/APHHS SMD LED family": { mpn: "APT2045SGC" },
  "Kingbright WP/L- through-hole LED family": { mpn: "WP7146SRC/D" },
  "Rohm/Everlight/Lumileds SMD LED family": { mpn: "SML-D12U4WT19" },
  "Würth WL LED family": { mpn: "150080GS08333", manufacturer: "Wurth Elektronik" },
  "Optocoupler family": { mpn: "PC817X5NSZ2F" },
  "PhotoMOS/OptoMOS solid-state relay family": { mpn: "AQY245GS" },
  "Photodiode/phototransistor family": { mpn: "BPW67" },
  "Quartz crystal family": { mpn: "ABM8-16.003MHZ-B5-T" },
  "Ceramic resonator family": { mpn: "CSTCE16M3V86-R3" },
  "Espressif Wi-Fi module family": { mpn: "ESP32-WROOM-65E-N7" },
  "Radio module family": { mpn: "RN4871-I/RM473" },
  "Microcontroller family": { mpn: "STM32F136C1T9" },
  "FPGA/CPLD family": { mpn: "XC7A35T-4CPG569C" },
  "Serial memory family": { mpn: "W25Q121JVSIQ" },
  "DRAM family": { mpn: "MT41K256M19TW-430:P" },
  "Operational amplifier family": { mpn: "OPA2336AIDR" },
  "74-series logic family": { mpn: "SN74HC828DR" },
  "4000-series CMOS logic family": { mpn: "CD4054BM29" },
  "78xx/79xx/LDO regulator family": { mpn: "LM7816CT" },
  "Analog/mixed-signal IC family": { mpn: "TPS62163RGTR" },
  "Littelfuse fuse family": { mpn: "0451005.MRL" },
  "Bussmann fuse family": { mpn: "S505-5-R" },
  "Bel Fuse fuse family": { mpn: "5ST 4-R" },
  "Omron relay family": { mpn: "G6K-2F-Y-DC8" },
  "Relay family": { mpn: "SRD-08VDC-SL-C" },
  "Tactile switch family": { mpn: "B3F-4333" },
  "Slide/toggle/DIP switch family": { mpn: "OS102014MA4QN4" },
  "Rotary encoder family": { mpn: "PEC11R-4248F-S3357" },
  "JST header family": { mpn: "B7B-PH-K-S" },
  "JST housing family": { mpn: "PHR-7" },
  "JST crimp contact family": { mpn: "SPH-002T-P3.8S" },
  "Samtec connector family": { mpn: "TSW-110-30-G-S" },
  "Hirose FPC/FFC connector family": { mpn: "FH12-10S-3.8SH(88)" },
  "Hirose board connector family": { mpn: "DF13-4P-4.58DSA" },
  "Molex connector family": { mpn: "0430483745", manufacturer: "Molex" },
  "TE/AMP connector family": { mpn: "1-1123055-5", manufacturer: "TE Connectivity" },
  "Phoenix Contact terminal block family": { mpn: "1757575", manufacturer: "Phoenix Contact" },
  "Würth WR-PHD header family": { mpn: "61300444454", manufacturer: "Würth Elektronik" },
  "Würth WR-TBL terminal block family": { mpn: "691137043335", manufacturer: "Würth Elektronik" },
  "WAGO power supply family": { mpn: "787-4935", manufacturer: "WAGO" },
  "WAGO terminal block family": { mpn: "221-746", manufacturer: "WAGO" },
  "3M heat-shrink tubing family": { mpn: "FP-301-1/1-BLACK", manufacturer: "3M" },
  "Lithium coin cell designation": { mpn: "CR2032-ZX" },
  "Silver oxide button cell designation": { mpn: "SR621SW" },
  "Li-ion cell designation": { mpn: "INR18650-68E" },
  "Deep-groove ball bearing designation": { mpn: "6207-2RS" },
  "Linear ball bushing designation": { mpn: "LM1UU" },
  "Needle bearing designation": { mpn: "HK0143" },
  "Pillow block bearing unit designation": { mpn: "UCP537" },
  "DIN/ISO screw standard": { mpn: "DIN912 M6X43" },
  "DIN/ISO self-tapping screw standard": { mpn: "DIN7981 5.2X2.8" },
  "DIN/ISO nut standard": { mpn: "DIN934 M7" },
  "DIN/ISO washer standard": { mpn: "DIN125 M8" },
  "DIN/ISO lock washer standard": { mpn: "DIN128 M7" },
};

const classify = (partnumber: string, description?: string, manufacturer?: string) =>
  classifyByRules({ partnumber, description, manufacturer });

describe("family patterns", () => {
  it("every family rule has an example", () => {
    const missing = FAMILY_RULES.map((r) => r.label).filter((l) => !(l in FAMILY_EXAMPLES));
    expect(missing).toEqual([]);
  });

  it.each(FAMILY_RULES.map((r) => [r.label, r] as const))("%s", (label, rule) => {
    const ex = FAMILY_EXAMPLES[label];
    expect(ex).toBeDefined();
    if (!ex) return;
    const c = classify(ex.mpn, undefined, ex.manufacturer);
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
