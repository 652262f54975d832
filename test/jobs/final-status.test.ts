import { describe, expect, it } from "vitest";
import { finalStatus } from "../../src/jobs/final-status";
import { retryDelaySeconds } from "../../src/queue/backoff";

const counts = (c: Partial<Record<"classified" | "needs_review" | "failed" | "invalid", number>>) => {
  const full = { classified: 0, needs_review: 0, failed: 0, invalid: 0, ...c };
  return { ...full, pending: 0, total: full.classified + full.needs_review + full.failed + full.invalid };
};

describe("finalStatus", () => {
  it.each([
    [counts({ classified: 3, needs_review: 1 }), false, "completed"],
    [counts({ classified: 3, failed: 1 }), false, "completed_with_errors"],
    [counts({ classified: 3, invalid: 1 }), false, "completed_with_errors"],
    [counts({ failed: 2, invalid: 1 }), false, "failed"],
    [counts({ invalid: 2 }), false, "failed"],
    [counts({ classified: 1, failed: 5 }), true, "cancelled"],
  ])("%o (cancelled=%s) → %s", (c, cancelled, status) => {
    expect(finalStatus(c, cancelled).status).toBe(status);
  });
});

describe("retryDelaySeconds", () => {
  const mid = () => 0.5;
  it("doubles per attempt from the base, capped", () => {
    expect(
      [1, 2, 3, 4].map((a) => retryDelaySeconds(a, { baseSeconds: 2, maxSeconds: 10, random: mid })),
    ).toEqual([2, 4, 8, 10]);
  });
  it("never goes below Retry-After, even above the cap", () => {
    expect(retryDelaySeconds(1, { baseSeconds: 2, maxSeconds: 10, retryAfterSeconds: 30, random: mid })).toBe(
      30,
    );
  });
});
