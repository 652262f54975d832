/**
 * The job and item shapes as clients see them, shared by the REST API, the JobActor's WebSocket
 * frames and the tests, so there is one definition of what a job looks like on the wire.
 */
export const JOB_STATUSES = [
  "scheduled",
  "queued",
  "extracting",
  "classifying",
  "finalizing",
  "completed",
  "completed_with_errors",
  "failed",
  "cancelled",
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const FINAL_JOB_STATUSES: readonly JobStatus[] = [
  "completed",
  "completed_with_errors",
  "failed",
  "cancelled",
];
export const isFinalStatus = (s: JobStatus) => FINAL_JOB_STATUSES.includes(s);

export const ITEM_STATUSES = ["pending", "classified", "needs_review", "failed", "invalid"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface JobCounts {
  total: number;
  pending: number;
  classified: number;
  needs_review: number;
  failed: number;
  invalid: number;
}

export interface JobOptions {
  reclassify?: boolean;
  priority?: "normal" | "high";
  runAt?: string;
  /** Uploads only: the XLSX sheet to read (name or 0-based index); default the first with a header row. */
  sheet?: string | number;
  /** Uploads only: when the layout rules find no part-number column, ask the AI provider (off by default). */
  aiExtraction?: boolean;
}

/** An uploaded document the job's items are extracted from. */
export interface JobSource {
  type: "pdf" | "csv" | "xlsx";
  /** R2 key: sources/<tenant>/<job>/<file name>. */
  key: string;
  name: string | null;
}

export interface JobError {
  code: string;
  message: string;
  /** User-safe specifics, e.g. `no_partnumbers`: the per-page reasons and the document's kind. */
  details?: JobErrorDetails;
}

export interface JobErrorDetails {
  pages?: { page: number; reason: string }[];
  kind?: string;
}

/** Something the extractor could not read in the document (the job goes on; never silent). */
export interface JobWarning {
  code: string;
  message: string;
  page?: number;
}

export interface JobView {
  id: string;
  status: JobStatus;
  counts: JobCounts;
  options: JobOptions;
  error: JobError | null;
  /** What extraction could not read (e.g. "page 3: a table with 22 rows gave no part number"). */
  warnings: JobWarning[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type ClassificationSourceName = "catalog" | "rules" | "ai" | "human";

export interface ItemClassification {
  ncm: string;
  exTipi: string | null;
  description: string | null;
  manufacturer: string | null;
  country: string | null;
  confidence: number;
  rationale: string;
  source: ClassificationSourceName;
  /** IPI from the TIPI (percent, or "NT"), null when the TIPI has no line for the code. */
  ipiRate?: number | "NT" | null;
  /** Import duty applied (TEC Anexo II, else Anexo I), percent. */
  iiRate?: number | null;
  /** The NCM the document declares, and whether this answer differs from it. */
  declaredNcm?: string | null;
  declaredDisagrees?: boolean;
  /** The ranked NCM candidates the answer was chosen from, for a reviewer to pick. */
  candidates?: { code: string; description: string; score: number; sources: string[] }[];
}

/**
 * An item's stable id: its job and its position in the job (`<job uuid>.<seq>`). Deterministic, so
 * the JobActor (which only knows seq) and Postgres (keyed on job_id, seq) name the item the same way.
 */
export function itemId(jobId: string, seq: number): string {
  return `${jobId}.${seq}`;
}

const ITEM_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,9})$/i;

/** The job and seq an item id names, or null for anything that is not an item id. */
export function parseItemId(id: string): { jobId: string; seq: number } | null {
  const m = ITEM_ID.exec(id);
  return m ? { jobId: m[1]!.toLowerCase(), seq: Number(m[2]) } : null;
}

/** One item's outcome, as carried by `items` frames (the REST item adds its input fields). */
export interface ItemResultView {
  /** Stable item id (see itemId). */
  id: string;
  seq: number;
  partnumber: string;
  status: ItemStatus;
  reason: string | null;
  classification: ItemClassification | null;
}
