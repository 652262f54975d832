import { describe, expect, it } from "vitest";
import { type Candidate, rawCertainty } from "../../src/classify/offline";

// Made-up candidates: only the fields the certainty reads matter.
const cand = (code: string, score: number, matched: number): Candidate => ({
  code,
  description: "Outros",
  score,
  sources: ["text"],
  textRank: 0,
  text: score,
  matched,
});

describe("raw certainty of the text answer", () => {
  it("is the lead over the best rival in another subheading, scaled by what the answer explains", () => {
    // The sibling 9999.01.20 shares the subheading, so the rival is 8888.00.00.
    const list = [cand("99990110", 1, 1), cand("99990120", 0.95, 1), cand("88880000", 0.4, 0.5)];
    expect(rawCertainty(list)).toBe(0.6);
  });

  it("stays low for a big lead won by one rare word while the rest of the description matched nothing", () => {
    const list = [cand("99990110", 1, 0.25), cand("88880000", 0.2, 0.2)];
    expect(rawCertainty(list)).toBe(0.2);
  });
});
