import type { JobCounts, JobError, JobStatus } from "../shared/jobs";

/** The status a job ends in once every item is terminal and written to Postgres. */
export function finalStatus(
  counts: JobCounts,
  cancelled: boolean,
): { status: JobStatus; error: JobError | null } {
  if (cancelled) return { status: "cancelled", error: null };
  const succeeded = counts.classified + counts.needs_review;
  if (succeeded === 0 && counts.failed > 0) {
    return { status: "failed", error: { code: "all_items_failed", message: "No item could be classified." } };
  }
  if (succeeded === 0 && counts.invalid === counts.total) {
    return {
      status: "failed",
      error: { code: "no_valid_items", message: "The job has no valid part numbers." },
    };
  }
  if (counts.failed + counts.invalid > 0) return { status: "completed_with_errors", error: null };
  return { status: "completed", error: null };
}
