import type { JobEvent } from "./messages";
import type { DailySummary } from "./summary";

const short = (id: string) => id.slice(0, 8);

/** Subject and text of a job e-mail. */
export function jobMail(
  event: JobEvent,
  links: { report?: string; job?: string },
): { subject: string; text: string } {
  const c = event.counts;
  const what =
    event.type === "job.started"
      ? "started"
      : event.status === "completed"
        ? "completed"
        : event.status === "completed_with_errors"
          ? "completed with errors"
          : event.status;
  const lines = [
    `Job ${event.jobId} ${what} at ${event.at}.`,
    "",
    `Items: ${c.total}`,
    `Classified: ${c.classified}`,
    `Needs review: ${c.needs_review}`,
    `Failed: ${c.failed}`,
    `Invalid: ${c.invalid}`,
  ];
  if (event.type === "job.started") lines.splice(2, lines.length - 2, `Items: ${c.total}`);
  if (links.report) lines.push("", `Report (PDF, link valid 15 minutes): ${links.report}`);
  if (links.job) lines.push(`Job: ${links.job}`);
  const tail =
    event.type === "job.started"
      ? ""
      : ` — ${c.classified}/${c.total} classified, ${c.needs_review} to review`;
  return { subject: `partwise: job ${short(event.jobId)} ${what}${tail}`, text: `${lines.join("\n")}\n` };
}

export function summaryMail(s: DailySummary): { subject: string; text: string } {
  const lines = [
    `Daily summary for ${s.date} (${s.timeZone}), ${s.from} – ${s.to}.`,
    "",
    `Jobs: ${s.jobs.total} (${
      Object.entries(s.jobs.byStatus)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ") || "none"
    })`,
    `Items classified: ${s.items.classified}`,
    `Items needing review: ${s.items.needsReview}`,
    `Items failed: ${s.items.failed}`,
    `Items answered by the AI provider: ${s.ai.items}`,
    s.slowestJob
      ? `Slowest job: ${s.slowestJob.id} (${s.slowestJob.seconds} s, ${s.slowestJob.items} items)`
      : "Slowest job: —",
  ];
  return {
    subject: `partwise: daily summary ${s.date} — ${s.jobs.total} jobs, ${s.items.needsReview} to review`,
    text: `${lines.join("\n")}\n`,
  };
}
