import type { jobItems } from "../db/schema";
import { type ItemClassification, itemId } from "../shared/jobs";
import { type ClassificationResult, disagreesWithDeclared } from "./classification";
import type { Item, ItemView, Occurrence } from "./item";

/** The Postgres `job_items` row (columns in src/db/schema.ts) and the item's mapping to and from it. */
export type JobItemRowPg = typeof jobItems.$inferSelect;
type JobItemInsert = typeof jobItems.$inferInsert;

/** The answer's columns of a job_items row: every one named, so a column added there is an error here. */
export type AnswerColumns = Required<
  Pick<
    JobItemInsert,
    | "classificationId"
    | "ncm"
    | "exTipi"
    | "classDescription"
    | "classManufacturer"
    | "country"
    | "confidence"
    | "rationale"
    | "source"
    | "ipiRate"
    | "ipiNotTaxed"
    | "iiRate"
    | "declaredDisagrees"
    | "candidates"
  >
>;

/**
 * The answer as job_items stores it (all null without one). Any answer, the catalog's or a
 * person's included, is compared with the NCM the document declares.
 */
export function answerColumns(
  c: ClassificationResult | null,
  declaredNcm: string | null,
  classificationId: string | null,
): AnswerColumns {
  return {
    classificationId,
    ncm: c?.ncm ?? null,
    exTipi: c?.exTipi ?? null,
    classDescription: c?.description ?? null,
    classManufacturer: c?.manufacturer ?? null,
    country: c?.country ?? null,
    confidence: c?.confidence ?? null,
    rationale: c?.rationale ?? null,
    source: c?.source ?? null,
    ipiRate: typeof c?.ipiRate === "number" ? c.ipiRate : null,
    ipiNotTaxed: c?.ipiRate === "NT",
    iiRate: c?.iiRate ?? null,
    declaredDisagrees: disagreesWithDeclared(declaredNcm, c),
    candidates: c?.candidates ?? null,
  };
}

/** Every column an item writes (the job, tenant and time stamp are the statement's). */
export type JobItemValues = Required<Omit<JobItemInsert, "jobId" | "tenantId" | "updatedAt">>;

export function toJobItemValues(item: Item, classificationId: string | null): JobItemValues {
  // The document's NCM belongs to the item whatever its outcome; messages queued before items
  // carried it had only the answer's copy.
  const declaredNcm = item.declaredNcm ?? item.classification?.declaredNcm ?? null;
  return {
    seq: item.seq,
    partnumber: item.partnumber,
    rawPartnumber: item.rawPartnumber,
    description: item.description,
    manufacturer: item.manufacturer,
    quantity: item.quantity,
    unit: item.unit,
    originCountry: item.country,
    declaredNcm,
    occurrences: item.occurrences,
    status: item.status,
    reason: item.reason,
    ...answerColumns(item.classification, declaredNcm, classificationId),
  };
}

/** The columns an item's later flush rewrites (its outcome); what the input printed stays. */
export const OUTCOME_KEYS = [
  "status",
  "reason",
  "declaredNcm",
  ...(Object.keys(answerColumns(null, null, null)) as (keyof AnswerColumns)[]),
] as const;

/** The item's own classification as stored on its row (null when nothing was proposed). */
export function itemClassificationOf(r: JobItemRowPg): ItemClassification | null {
  return r.ncm && r.source && r.confidence !== null
    ? {
        ncm: r.ncm,
        exTipi: r.exTipi,
        description: r.classDescription,
        manufacturer: r.classManufacturer,
        country: r.country,
        confidence: r.confidence,
        rationale: r.rationale ?? "",
        source: r.source,
        ipiRate: r.ipiNotTaxed ? "NT" : r.ipiRate,
        iiRate: r.iiRate,
        declaredNcm: r.declaredNcm,
        declaredDisagrees: r.declaredDisagrees,
        candidates: (r.candidates as ItemClassification["candidates"]) ?? [],
      }
    : null;
}

export function toItemView(r: JobItemRowPg, human: ItemClassification | null = null): ItemView {
  return {
    id: itemId(r.jobId, r.seq),
    seq: r.seq,
    partnumber: r.partnumber,
    rawPartnumber: r.rawPartnumber,
    description: r.description,
    manufacturer: r.manufacturer,
    quantity: r.quantity === null ? null : Number(r.quantity),
    unit: r.unit,
    declaredNcm: r.declaredNcm,
    country: r.originCountry,
    occurrences: r.occurrences as Occurrence[],
    status: r.status,
    reason: r.reason,
    classification: itemClassificationOf(r),
    human,
  };
}
