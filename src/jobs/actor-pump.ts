import { isProviderError } from "../classify/ai/provider";
import { classifyFault } from "../lib/faults";
import { errorFields, log } from "../lib/logger";
import { isFinalStatus, type JobError } from "../shared/jobs";
import type { ActorCore } from "./actor-core";
import { dispatchFromAlarm } from "./actor-dispatch";
import { endJob } from "./actor-lifecycle";
import * as store from "./actor-store";
import { syncPostgres } from "./actor-sync";
import { aiExtractorFor, itemsFromSource, MAX_AI_EXTRACTION_ATTEMPTS } from "./extract-source";
import { backoffMs, mayRetry } from "./leases";

/**
 * One run of the pump, the alarm's work: start a scheduled job that is due, extract an upload's
 * items, send batches, sync Postgres. A failure backs off by its kind (leases.ts bounds each kind)
 * and ends the job once the bound is spent. The caller then schedules the next alarm.
 */
export async function pump(core: ActorCore): Promise<void> {
  const s = core.s;
  if (s.status === "scheduled") {
    const runAt = s.options.runAt ? Date.parse(s.options.runAt) : 0;
    if (runAt > Date.now()) return;
    core.commit(() => core.setStatus("queued"));
  }
  try {
    if (!isFinalStatus(s.status)) {
      if (s.source && !s.extracted) await extract(core, s.source);
      await dispatchFromAlarm(core);
    }
    await syncPostgres(core);
    if (s.pumpFailures || s.backoffUntil) {
      s.pumpFailures = undefined;
      s.backoffUntil = null;
      core.commit(() => {});
    }
  } catch (err) {
    pumpFailed(core, err);
  }
}

/** A failed pump: back off by the error's kind, and give the job up once the kind's bound is reached. */
function pumpFailed(core: ActorCore, err: unknown): void {
  const s = core.s;
  const kind = classifyFault(err);
  const failures = s.pumpFailures ?? { outage: 0, internal: 0 };
  const key = kind === "outage" || kind === "ai" ? "outage" : "internal";
  failures[key] += 1;
  const n = failures[key];
  log(key === "outage" ? "warn" : "error", "job pump failed", {
    jobId: s.jobId,
    kind,
    attempt: n,
    ...errorFields(err),
  });
  const asked = isProviderError(err) ? (err.retryAfterSeconds ?? 0) * 1_000 : 0;
  if (mayRetry(key, n) || isFinalStatus(s.status)) {
    s.pumpFailures = failures;
    s.backoffUntil = Date.now() + backoffMs(n, asked);
    // A final job still syncing Postgres stops retrying once the bound is spent (and says it ended).
    const giveUp = isFinalStatus(s.status) && !mayRetry(key, n);
    if (giveUp) {
      s.backoffUntil = null;
      s.jobRowDirty = false;
      core.sql.exec("DELETE FROM outbox");
    }
    core.commit(() => {
      if (giveUp) core.releaseNotice();
    });
    return;
  }
  const error: JobError =
    key === "outage"
      ? { code: "dependency_unavailable", message: "A service the job depends on stayed unavailable." }
      : { code: "internal_error", message: "The job could not be processed." };
  s.pumpFailures = undefined;
  s.backoffUntil = null;
  endJob(core, "failed", error, error.message);
}

/** The `extracting` step of an upload job: items from the document, or the reason there are none. */
async function extract(core: ActorCore, source: NonNullable<store.ActorState["source"]>): Promise<void> {
  const s = core.s;
  s.startedAt ??= new Date().toISOString();
  core.commit(() => core.setStatus("extracting"));
  const extractor = aiExtractorFor(core.env, s.options);
  const failures = s.aiExtractionFailures ?? 0;
  const ai = extractor && { extract: extractor, retryOnFailure: failures + 1 < MAX_AI_EXTRACTION_ATTEMPTS };
  let outcome: Awaited<ReturnType<typeof itemsFromSource>>;
  try {
    outcome = await itemsFromSource(core.env.FILES, source, s.options, core.config.maxItemsPerJob, ai);
  } catch (err) {
    // A retryable provider failure: count it so the attempts stay bounded, and let the alarm retry.
    if (isProviderError(err)) {
      s.aiExtractionFailures = failures + 1;
      core.commit(() => {});
    }
    throw err;
  }
  core.commit(() => {
    if ("failure" in outcome) {
      s.extractionError = outcome.failure;
      core.append({ type: "error", error: outcome.failure });
    } else {
      store.loadItems(core.sql, outcome.items, core.config.batchSize);
      if (outcome.warnings?.length) {
        s.warnings = outcome.warnings;
        core.append({ type: "warnings", warnings: outcome.warnings });
      }
    }
    s.extracted = true;
    s.jobRowDirty = true;
  });
}
