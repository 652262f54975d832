import { describe, expect, it } from "vitest";
import { CLASSES } from "../../src/classify/rules/classes";
import classesData from "../../src/classify/rules/classes.json";
import { compileCondition } from "../../src/classify/rules/conditions";
import { buildContext } from "../../src/classify/rules/context";
import { matchKeyword } from "../../src/classify/rules/engine";
import families from "../../src/classify/rules/families.json";
import { KEYWORD_RULES } from "../../src/classify/rules/keywords";
import keywords from "../../src/classify/rules/keywords.json";
import { compileRules } from "../../src/classify/rules/load";

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

  it("every keyword row's example description is caught by that row, not an earlier one", () => {
    const misrouted = KEYWORD_RULES.flatMap((rule) => {
      const hit = matchKeyword(KEYWORD_RULES, buildContext("", rule.example));
      return hit?.label === rule.label ? [] : [`${rule.label}: "${rule.example}" → ${hit?.label}`];
    });
    expect(misrouted).toEqual([]);
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
});
