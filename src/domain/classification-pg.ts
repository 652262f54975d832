import type { classifications } from "../db/schema";
import type { CatalogClassification, ClassificationResult } from "./classification";

/** The Postgres `classifications` row (the tenant's catalog and its history) and the mappings. */
export type ClassificationRowPg = typeof classifications.$inferSelect;
type ClassificationInsert = typeof classifications.$inferInsert;

/** The answer's columns of a classifications row (who, when and its status are the caller's). */
export type ClassificationValues = Required<
  Pick<
    ClassificationInsert,
    | "ncm"
    | "exTipi"
    | "description"
    | "manufacturer"
    | "country"
    | "confidence"
    | "rationale"
    | "source"
    | "model"
  >
>;

export const toClassificationValues = (
  c: Pick<ClassificationResult, keyof ClassificationValues>,
): ClassificationValues => ({
  ncm: c.ncm,
  exTipi: c.exTipi,
  description: c.description,
  manufacturer: c.manufacturer,
  country: c.country,
  confidence: c.confidence,
  rationale: c.rationale,
  source: c.source,
  model: c.model,
});

/**
 * A catalog entry as a later job's answer: a person's stays `human`, a machine one becomes
 * `catalog` and keeps where it came from in its rationale, so a reviewer can trace it.
 */
export function fromCatalogRow(r: ClassificationRowPg): ClassificationResult {
  return {
    ncm: r.ncm,
    exTipi: r.exTipi,
    description: r.description,
    manufacturer: r.manufacturer,
    country: r.country,
    confidence: Number(r.confidence),
    rationale:
      r.source === "human" ? r.rationale : `Catalog (earlier ${r.source} classification): ${r.rationale}`,
    source: r.source === "human" ? "human" : "catalog",
    model: r.model,
    classificationId: r.id,
  };
}

export function toCatalogClassification(r: ClassificationRowPg): CatalogClassification {
  return {
    id: r.id,
    ncm: r.ncm,
    exTipi: r.exTipi,
    description: r.description,
    manufacturer: r.manufacturer,
    country: r.country,
    confidence: Number(r.confidence),
    rationale: r.rationale,
    source: r.source,
    status: r.status,
    model: r.model,
    jobId: r.jobId,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    note: r.note,
  };
}
