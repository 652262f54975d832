/**
 * The CLASSIFY queue's messages. What the classifier answers (ClassificationResult, ItemOutcome)
 * is the domain model's: src/domain/classification.ts.
 */

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
