import { describe, expect, it } from "vitest";
import { CLASSES } from "../../src/classify/rules/classes";
import classesData from "../../src/classify/rules/classes.json";
import { compileCondition } from "../../src/classify/rules/conditions";
import { buildContext } from "../../src/classify/rules/context";
import { matchKeyword, matchManufacturer } from "../../src/classify/rules/engine";
import families from "../../src/classify/rules/families.json";
import { classifyByRules } from "../../src/classify/rules/index";
import { KEYWORD_RULES } from "../../src/classify/rules/keywords";
import keywords from "../../src/classify/rules/keywords.json";
import { compileRules } from "../../src/classify/rules/load";
import hints from "../../src/classify/rules/manufacturer-hints.json";
import { compileHints, MANUFACTURER_HINTS } from "../../src/classify/rules/manufacturers";

const tables = [
  ["families", families.rules],
  ["keywords", keywords.rules],
] as const;

describe("rule tables as data", () => {
  it.each(tables)("%s: every pattern compiles, names a known class, and is unique", (_name, rows) => {
    for (const row of rows) {
      expect(() => new RegExp(row.pattern)).not.toThrow();
      expect(row.cls in CLASSES, `${row.label} → ${row.cls}`).toBe(true);
    }
    const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(dupes(rows.map((r) => r.label))).toEqual([]);
    expect(dupes(rows.map((r) => r.pattern))).toEqual([]);
  });

  it("every row of every rule table says where it comes from or why (reason)", () => {
    const rows: { label: string; reason?: string }[] = [...families.rules, ...keywords.rules, ...hints.hints];
    expect(rows.filter((r) => !r.reason?.trim()).map((r) => r.label)).toEqual([]);
  });

  it("every keyword row's example description is caught by that row, not an earlier one", () => {
    const misrouted = KEYWORD_RULES.flatMap((rule) => {
      const hit = matchKeyword(KEYWORD_RULES, buildContext("", rule.example));
      return hit?.label === rule.label ? [] : [`${rule.label}: "${rule.example}" → ${hit?.label}`];
    });
    expect(misrouted).toEqual([]);
  });

  it("every manufacturer hint's example maker is caught by that hint, not an earlier one", () => {
    expect(MANUFACTURER_HINTS.length).toBe(hints.hints.length);
    const misrouted = MANUFACTURER_HINTS.flatMap((hint) => {
      const hit = matchManufacturer(MANUFACTURER_HINTS, buildContext("", "", hint.example));
      return hit?.label === hint.label ? [] : [`${hint.label}: "${hint.example}" → ${hit?.label}`];
    });
    expect(misrouted).toEqual([]);
    expect(() => compileHints([{ label: "x", pattern: "x", cls: "noSuchClass", confidence: 0.4 }])).toThrow(
      /unknown class/,
    );
  });

  it("every class variant's condition compiles", () => {
    for (const row of Object.values(classesData.classes)) {
      for (const v of "variants" in row ? row.variants : [])
        expect(() => compileCondition(v.when)).not.toThrow();
    }
  });

  it("a row naming an unknown class or condition fails at load", () => {
    expect(() => compileRules([{ label: "x", pattern: "^X", cls: "noSuchClass", confidence: 0.5 }])).toThrow(
      /unknown class/,
    );
    expect(() => compileCondition({ voltsOver: 5 } as never)).toThrow(/unknown variant condition/);
  });
});

describe("variant conditions", () => {
  const ctx = (text: string) => buildContext("", text);

  it("mount tht means through-hole stated and SMD not", () => {
    const tht = compileCondition({ mount: "tht" });
    expect(tht(ctx("radial 10uf"))).toBe(true);
    expect(tht(ctx("radial smd 10uf"))).toBe(false);
    expect(tht(ctx("10uf"))).toBe(false);
  });

  it("thresholds compare the largest stated rating and all keys must hold", () => {
    const both = compileCondition({ mount: "tht", ampsAbove: 3 });
    expect(both(ctx("axial diode 5 a"))).toBe(true);
    expect(both(ctx("axial diode 3 a"))).toBe(false);
    expect(both(ctx("diode 5 a"))).toBe(false);
    expect(compileCondition({ voltsAbove: 125 })(ctx("200 v"))).toBe(true);
    expect(compileCondition({ voltsAbove: 125 })(ctx("no rating"))).toBe(false);
    expect(compileCondition({ wattsAtLeast: 1 })(ctx("1 w"))).toBe(true);
    expect(compileCondition({ ampsAtMost: 3 })(ctx("3 a"))).toBe(true);
  });

  it("material flags and text patterns read the description", () => {
    expect(compileCondition({ plastic: true })(ctx("nylon washer"))).toBe(true);
    expect(compileCondition({ plastic: true })(ctx("steel washer"))).toBe(false);
    expect(compileCondition({ text: "\\bptfe\\b" })(ctx("PTFE tape"))).toBe(true);
  });

  it("a class's material words are whole words: alternatives are grouped inside the word boundaries", () => {
    const code = (d: string) => classifyByRules({ partnumber: "", description: d })?.ncm;
    expect(code("carbon potentiometer 10k")).toBe("85334092");
    expect(code("potentiometer 10k, hydrocarbon resistant")).toBe("85334099");
    expect(code("o-ring 10x2 ptfe")).toBe("39269069");
    expect(code("o-ring 10x2 epdm, nonteflon")).toBe("40169300");
  });
});
