/**
 * The CLASSIFY queue's messages. What the classifier answers (ClassificationResult, ItemOutcome)
 * is the domain model's: src/domain/classification.ts.
 */
import type { ItemEvidence } from "../domain/item";

/**
 * One part to classify, as the JobActor sends it: the item's evidence (src/domain/item.ts). Messages
 * queued before a field existed lack it, so the classifier reads each one as possibly absent.
 */
export type ClassifyPart = Omit<ItemEvidence, "declaredNcm" | "country"> &
  Partial<Pick<ItemEvidence, "declaredNcm" | "country">>;

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
