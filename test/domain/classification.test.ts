import { describe, expect, it } from "vitest";
import {
  classificationResultSchema,
  fromSqliteResult,
  itemOutcomeSchema,
  toSqliteResult,
} from "../../src/domain/classification";
import { toResultView } from "../../src/domain/item";

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

  it("maps to SQLite and back unchanged, and to frames without the internal fields", () => {
    expect(fromSqliteResult(toSqliteResult(result))).toEqual(result);
    expect(toSqliteResult(null)).toBeNull();
    expect(fromSqliteResult(null)).toBeNull();
    const item = {
      seq: 1,
      partnumber: "QCL-1",
      rawPartnumber: "QCL-1",
      description: null,
      manufacturer: null,
      quantity: null,
      unit: null,
      declaredNcm: "85364100",
      country: null,
      occurrences: [],
      status: "classified" as const,
      reason: null,
      classification: result,
    };
    const wire = toResultView("00000000-0000-4000-8000-000000000001", item).classification!;
    expect(wire).not.toHaveProperty("model");
    expect(wire).not.toHaveProperty("classificationId");
    // Frames stay small: the candidates are the listing's.
    expect(wire).not.toHaveProperty("candidates");
    expect(wire).toMatchObject({
      ncm: "85322410",
      ipiRate: "NT",
      declaredNcm: "85364100",
      declaredDisagrees: true,
    });
  });
});
