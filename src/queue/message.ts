import type { ItemClassification } from "../shared/jobs";

/** One part to classify, as the JobActor sends it. */
export interface ClassifyPart {
  seq: number;
  partnumber: string;
  description: string | null;
  manufacturer: string | null;
  /** The NCM the document declares for this line (NF-e, DANFE), when it prints one. */
  declaredNcm?: string | null;
  /** Country of origin as the document prints it (COO / origem). */
  country?: string | null;
}

/** A CLASSIFY / CLASSIFY_HIGH message: one batch of a job (≤ 50 parts keeps it far below 128 KB). */
export interface ClassifyMessage {
  v: 1;
  jobId: string;
  tenantId: string;
  batchId: string;
  reclassify: boolean;
  parts: ClassifyPart[];
}

/** A classification as it travels from the cascade to the actor and on to Postgres. */
export interface ClassificationResult extends ItemClassification {
  model: string | null;
  /** Set when the answer came from the catalog: the existing `classifications` row it reuses. */
  classificationId: string | null;
}

/** The answer as clients see it on an item (the wire fields; the model and catalog row stay internal). */
export function toItemClassification(c: ClassificationResult): ItemClassification {
  return {
    ncm: c.ncm,
    exTipi: c.exTipi,
    description: c.description,
    manufacturer: c.manufacturer,
    country: c.country,
    confidence: c.confidence,
    rationale: c.rationale,
    source: c.source,
  };
}

/** What the cascade decided for one item. Items it could not decide yet are simply absent. */
export interface ItemOutcome {
  seq: number;
  status: "classified" | "needs_review" | "failed";
  reason: string | null;
  classification: ClassificationResult | null;
}

export function isClassifyMessage(body: unknown): body is ClassifyMessage {
  const b = body as ClassifyMessage;
  return (
    typeof b === "object" &&
    b !== null &&
    b.v === 1 &&
    typeof b.jobId === "string" &&
    typeof b.tenantId === "string" &&
    typeof b.batchId === "string" &&
    Array.isArray(b.parts)
  );
}
