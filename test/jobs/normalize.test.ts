import { describe, expect, it } from "vitest";
import { buildItems, invalidReason, normalizePartnumber } from "../../src/jobs/normalize";

describe("normalizePartnumber", () => {
  it.each([
    ["  grm188r71h104ka93d ", "GRM188R71H104KA93D"],
    ["LM 317\tT", "LM 317 T"],
    ["bc547\u200b", "BC547"],
    ["ＢＣ５４７", "BC547"],
  ])("%j → %j", (raw, expected) => {
    expect(normalizePartnumber(raw)).toBe(expected);
  });

  it("keeps the case where uppercasing is not a 1:1 mapping", () => {
    expect(normalizePartnumber("maß-12")).toBe("maß-12");
  });
});

describe("invalidReason", () => {
  it.each([
    ["", "empty part number"],
    ["---", "has no letters or digits"],
    ["a".repeat(65), "longer than 64 characters"],
    ["please see the attached drawing for details", "looks like text, not a part number"],
  ])("%j is invalid: %s", (raw, reason) => {
    expect(invalidReason(raw, normalizePartnumber(raw))).toBe(reason);
  });

  it("accepts ordinary MPNs", () => {
    for (const pn of ["6205-2RS", "STM32F103C8T6", "RC0603FR-0710KL", "1N4148W-7-F"]) {
      expect(invalidReason(pn, normalizePartnumber(pn))).toBeNull();
    }
  });
});

describe("buildItems", () => {
  it("de-duplicates by normalized part number, keeping every occurrence and summing quantities", () => {
    const items = buildItems([
      { partnumber: "bc547", quantity: 2 },
      { partnumber: "", quantity: 1 },
      { partnumber: " BC547 ", description: "NPN transistor", quantity: 3 },
      { partnumber: "" },
      { partnumber: "1N4148" },
    ]);
    expect(items.map((i) => [i.seq, i.partnumber, i.status])).toEqual([
      [1, "BC547", "pending"],
      [2, "", "invalid"],
      [3, "", "invalid"],
      [4, "1N4148", "pending"],
    ]);
    expect(items[0]).toMatchObject({
      quantity: 5,
      description: "NPN transistor",
      occurrences: [
        { index: 0, raw: "bc547", quantity: 2 },
        { index: 2, raw: " BC547 ", quantity: 3 },
      ],
    });
  });
});
