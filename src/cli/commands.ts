import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MultiBar, Presets } from "cli-progress";
import type { JobView } from "../shared/jobs";
import type { Client } from "./client";
import { ok } from "./client";
import { UsageError } from "./config";
import { waitForJob } from "./watch";

export interface Out {
  json: boolean;
  print(text: string): void;
  data(value: unknown): void;
}

const FAILED = new Set(["failed", "cancelled"]);
const REPORT_FORMATS = ["csv", "xlsx", "pdf"] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

function reportFormat(out: string): ReportFormat {
  const ext = path.extname(out).slice(1).toLowerCase();
  if (!(REPORT_FORMATS as readonly string[]).includes(ext)) {
    throw new UsageError(`--out must end in .csv, .xlsx or .pdf (got ${out})`);
  }
  return ext as ReportFormat;
}

/**
 * `classify FILE|PN…`: every existing file becomes its own job; the other arguments are part numbers of
 * one more job. With --wait a progress bar per job follows the WebSocket; exit 1 if any job failed.
 */
export async function classify(
  client: Client,
  args: string[],
  opts: { wait: boolean; out?: string; priority?: string; timeout?: number },
  out: Out,
): Promise<number> {
  if (args.length === 0) throw new UsageError("classify needs a file or part numbers");
  const files = args.filter((a) => existsSync(a));
  const partnumbers = args.filter((a) => !existsSync(a));
  const missing = partnumbers.find((a) => /\.(pdf|csv|xlsx)$/i.test(a) || a.includes("/"));
  if (missing) throw new UsageError(`no such file: ${missing}`);
  if (opts.out && files.length + (partnumbers.length ? 1 : 0) > 1) {
    throw new UsageError("--out needs exactly one job (one file, or part numbers)");
  }
  const format = opts.out ? reportFormat(opts.out) : null;
  const wait = opts.wait || Boolean(opts.out);
  const options = opts.priority === "high" ? { priority: "high" as const } : undefined;
  const jobs: Array<{ job: JobView; label: string }> = [];
  for (const file of files)
    jobs.push({ job: (await client.uploadJob(file)).job, label: path.basename(file) });
  if (partnumbers.length) {
    const { job } = await client.createJob({ partnumbers, options });
    jobs.push({ job, label: `${partnumbers.length} part number(s)` });
  }
  if (!wait) {
    if (out.json) out.data(jobs.map((j) => j.job));
    else for (const j of jobs) out.print(`${j.job.id}  ${j.job.status}  ${j.label}`);
    return 0;
  }
  const bars = new MultiBar(
    {
      format: " {bar} {percentage}% | {value}/{total} | {status} | {label}",
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  const showBars = !out.json && process.stderr.isTTY;
  const finals = await Promise.all(
    jobs.map(async ({ job, label }) => {
      const bar = showBars
        ? bars.create(Math.max(1, job.counts.total), 0, { status: job.status, label })
        : null;
      return waitForJob(
        client,
        job.id,
        (counts, status) => {
          bar?.setTotal(Math.max(1, counts.total));
          bar?.update(counts.total - counts.pending, { status, label });
        },
        opts.timeout,
      );
    }),
  );
  bars.stop();
  if (format && opts.out) {
    const bytes = await client.download(`/v1/jobs/${finals[0]!.id}/report?format=${format}`);
    writeFileSync(opts.out, bytes);
  }
  if (out.json) out.data(finals);
  else {
    for (const j of finals) {
      const c = j.counts;
      out.print(
        `${j.id}  ${j.status}  total=${c.total} classified=${c.classified} needs_review=${c.needs_review} failed=${c.failed} invalid=${c.invalid}${j.error ? `  error=${j.error.code}: ${j.error.message}` : ""}`,
      );
    }
    if (opts.out) out.print(`report written to ${opts.out}`);
  }
  return finals.some((j) => FAILED.has(j.status)) ? 1 : 0;
}

export async function jobs(
  client: Client,
  args: string[],
  opts: { status?: string; limit?: string },
  out: Out,
) {
  if (args[0]) {
    const job = await ok(await client.api.v1.jobs[":id"].$get({ param: { id: args[0] } }));
    if (out.json) out.data(job);
    else out.print(`${job.id}  ${job.status}  ${JSON.stringify(job.counts)}`);
    return FAILED.has(job.status) ? 1 : 0;
  }
  const status = opts.status as JobView["status"] | undefined;
  const page = await ok(await client.api.v1.jobs.$get({ query: { status, limit: opts.limit ?? "20" } }));
  if (out.json) out.data(page);
  else
    for (const j of page.jobs)
      out.print(
        `${j.id}  ${j.status.padEnd(21)}  ${String(j.counts.total).padStart(6)} items  ${j.createdAt}`,
      );
  return 0;
}

/** `review [list] | accept ID… | override ID --ncm CODE | reject ID…` */
export async function review(
  client: Client,
  args: string[],
  opts: { job?: string; ncm?: string; note?: string; limit?: string },
  out: Out,
) {
  const [verb = "list", ...ids] = args;
  const { api } = client;
  if (verb === "list") {
    const page = await ok(
      await api.v1.review.$get({ query: { limit: opts.limit ?? "50", jobId: opts.job } }),
    );
    if (out.json) out.data(page);
    else
      for (const i of page.items) {
        const c = i.classification;
        const candidates = i.candidates.map((x) => x.code).join(",");
        out.print(
          `${i.id}  ${i.partnumber}  ${c?.ncm ?? "-"}  ${c ? Math.round(c.confidence * 100) : "-"}%  ${c?.description ?? ""}${candidates ? `  candidates=${candidates}` : ""}`,
        );
      }
    return 0;
  }
  if (verb !== "accept" && verb !== "override" && verb !== "reject") {
    throw new UsageError(`unknown review action: ${verb}`);
  }
  const action: "accept" | "override" | "reject" = verb;
  if (ids.length === 0) throw new UsageError(`review ${action} needs item ids`);
  if (action === "override" && !opts.ncm) throw new UsageError("review override needs --ncm CODE");
  const body = { action, ncm: opts.ncm, note: opts.note };
  if (ids.length === 1) {
    const r = await ok(
      await api.v1.items[":itemId"].review.$post({ param: { itemId: ids[0]! }, json: body }),
    );
    if (out.json) out.data(r);
    else
      out.print(
        `${r.decision.action}: ${r.item.partnumber} → ${r.item.classification?.ncm ?? "-"} (${r.item.status})`,
      );
    return 0;
  }
  const r = await ok(await api.v1.review.$post({ json: { ...body, itemIds: ids } }));
  if (out.json) out.data(r);
  else {
    out.print(`${action}: ${r.decided} decided, ${r.failed} failed`);
    for (const x of r.results) if (x.error) out.print(`  ${x.itemId}: ${x.error.code} ${x.error.message}`);
  }
  return r.failed > 0 ? 1 : 0;
}
