import { describe, expect, it } from "vitest";
import {
  classificationResultSchema,
  fromSqliteResult,
  itemOutcomeSchema,
  toItemClassification,
  toSqliteResult,
} from "../../src/domain/classification";

const result = {
  ncm: "85322410",
  exTipi: null,
  description: "made-up capacitor",
  manufacturer: null,
  country: "XX",
  confidence: 0.8,
  rationale: "test",
  source: "rules" as const,
  model: null,
  classificationId: null,
  ipiRate: "NT" as const,
  candidates: [{ code: "85322410", description: "x", score: 1, sources: ["rules"] }],
};

describe("the classification, defined once", () => {
  it("validates a result and refuses an unknown source or a missing field", () => {
    expect(classificationResultSchema.parse(result)).toEqual(result);
    expect(classificationResultSchema.safeParse({ ...result, source: "guess" }).success).toBe(false);
    const { rationale: _dropped, ...partial } = result;
    expect(classificationResultSchema.safeParse(partial).success).toBe(false);
    expect(
      itemOutcomeSchema.safeParse({ seq: 1, status: "pending", reason: null, classification: null }).success,
    ).toBe(false);
  });

  it("maps to SQLite and back unchanged, and to the wire without the internal fields", () => {
    expect(fromSqliteResult(toSqliteResult(result))).toEqual(result);
    expect(toSqliteResult(null)).toBeNull();
    expect(fromSqliteResult(null)).toBeNull();
    const wire = toItemClassification(result);
    expect(wire).not.toHaveProperty("model");
    expect(wire).not.toHaveProperty("classificationId");
    expect(wire.ncm).toBe("85322410");
  });
});
