import { useEffect, useRef, useState } from "preact/hooks";
import type { Frame } from "../../src/shared/frames";
import { isFinalStatus, type JobCounts, type JobStatus, type JobView } from "../../src/shared/jobs";
import { ErrorNote, Page, ProgressBar } from "../components/ui";
import { api, fetchBlob, type JobItem, ok, saveBlob } from "../lib/api";
import { useT } from "../lib/i18n";
import { type SocketState, watchJob } from "../lib/job-socket";
import type { Session } from "../lib/session";
import { ItemsTable, type Row } from "./job-items";
import { SourcePanel } from "./job-source";

const COUNTERS = ["total", "pending", "classified", "needs_review", "failed", "invalid"] as const;

async function allItems(jobId: string): Promise<JobItem[]> {
  const out: JobItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok(
      await api.v1.jobs[":id"].items.$get({ param: { id: jobId }, query: { limit: "1000", cursor } }),
    );
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

function fromRest(jobId: string, i: JobItem): Row {
  return {
    seq: i.seq,
    id: (i as { id?: string }).id ?? `${jobId}.${i.seq}`,
    partnumber: i.partnumber,
    description: i.description,
    manufacturer: i.manufacturer,
    status: i.status,
    reason: i.reason,
    classification: i.classification,
  };
}

export function JobPage({ id, s }: { id: string; s: Session }) {
  const t = useT();
  const [job, setJob] = useState<JobView | null>(null);
  const [counts, setCounts] = useState<JobCounts | null>(null);
  const [rows, setRows] = useState<Map<number, Row>>(new Map());
  const [socket, setSocket] = useState<SocketState>("connecting");
  const [error, setError] = useState<unknown>(null);
  const [reportError, setReportError] = useState<unknown>(null);
  const watcher = useRef<ReturnType<typeof watchJob> | null>(null);

  const merge = (items: Row[] | Array<Partial<Row> & { seq: number }>) =>
    setRows((prev) => {
      const next = new Map(prev);
      for (const item of items) {
        const old = next.get(item.seq);
        next.set(item.seq, {
          ...(old ?? { id: `${id}.${item.seq}`, description: null, manufacturer: null }),
          ...Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)),
        } as Row);
      }
      return next;
    });

  const reload = () =>
    allItems(id)
      .then((items) => merge(items.map((i) => fromRest(id, i))))
      .catch(setError);

  useEffect(() => {
    setRows(new Map());
    api.v1.jobs[":id"]
      .$get({ param: { id } })
      .then((r) => ok(r))
      .then((j) => {
        setJob(j);
        setCounts(j.counts);
      })
      .catch(setError);
    void reload();
    let lastEvent = 0;
    let reconnect = false;
    const onFrame = (f: Frame) => {
      if (f.type !== "snapshot") lastEvent = Math.max(lastEvent, f.seq);
      if (f.type === "snapshot") {
        setJob(f.job);
        setCounts(f.job.counts);
        // A reconnect the log no longer replays in full (the first connection read Postgres above).
        if (reconnect && (f.trimmedThrough ?? 0) > lastEvent) void reload();
        reconnect = true;
      } else if (f.type === "progress") setCounts(f.counts);
      else if (f.type === "status") {
        setJob((j) => (j ? { ...j, status: f.status, error: f.error ?? j.error } : j));
        // A final job's rows are all in Postgres: one more read picks up anything a frame did not carry.
        if (isFinalStatus(f.status)) void reload();
      } else if (f.type === "items") merge(f.items);
      else if (f.type === "error") setJob((j) => (j ? { ...j, error: f.error } : j));
      else {
        // `review` frames (review work): the item's new state and the job's counts.
        const r = f as unknown as { type: string; item?: Row; counts?: JobCounts };
        if (r.type === "review" && r.item) merge([r.item]);
        if (r.type === "review" && r.counts) setCounts(r.counts);
      }
    };
    watcher.current = watchJob(id, onFrame, setSocket);
    (window as unknown as { __partwiseSocket?: unknown }).__partwiseSocket = watcher.current;
    return () => watcher.current?.stop();
  }, [id]);

  async function download(format: "csv" | "xlsx" | "pdf") {
    setReportError(null);
    try {
      const { blob, name } = await fetchBlob(`/v1/jobs/${id}/report?format=${format}`);
      saveBlob(blob, name ?? `partwise-${id.slice(0, 8)}.${format}`);
    } catch (err) {
      setReportError(err);
    }
  }

  async function cancel() {
    try {
      const r = await ok(await api.v1.jobs[":id"].cancel.$post({ param: { id } }));
      setJob(r.job);
    } catch (err) {
      setError(err);
    }
  }

  const c = counts ?? job?.counts;
  const done = c ? c.total - c.pending : 0;
  const status: JobStatus | undefined = job?.status;
  const warnings = (job as { warnings?: Array<string | { message: string }> } | null)?.warnings ?? [];
  const list = [...rows.values()].sort((a, b) => a.seq - b.seq);
  return (
    <Page title={t("jobTitle", { id: id.slice(0, 8) })}>
      <ErrorNote error={error} />
      <div class="job-head card">
        <p>
          {t("status")}: <strong data-testid="job-status">{status ?? "…"}</strong>{" "}
          <span class={`sock ${socket}`} aria-live="polite">
            {socket === "live"
              ? t("live")
              : socket === "reconnecting"
                ? t("reconnecting")
                : socket === "offline"
                  ? t("offline")
                  : ""}
          </span>
          {socket === "offline" && (
            <button type="button" class="link" onClick={() => watcher.current?.retry()}>
              ↻
            </button>
          )}
        </p>
        <ProgressBar done={done} total={c?.total ?? 0} label={t("progress")} />
        {c && (
          <dl class="counters">
            {COUNTERS.map((k) => (
              <div key={k} data-counter={k}>
                <dt>{t(k)}</dt>
                <dd>{t.number(c[k])}</dd>
              </div>
            ))}
          </dl>
        )}
        {job?.error && (
          <p class="note error" role="alert">
            {t("jobError", { message: `${job.error.message} (${job.error.code})` })}
          </p>
        )}
        {warnings.length > 0 && (
          <div class="note warn">
            <h2>{t("warnings")}</h2>
            <ul>
              {warnings.map((w, i) => (
                <li key={i}>{typeof w === "string" ? w : w.message}</li>
              ))}
            </ul>
          </div>
        )}
        <div class="actions">
          {(["csv", "xlsx", "pdf"] as const).map((f) => (
            <button key={f} type="button" class="secondary" onClick={() => void download(f)}>
              {t("download", { format: f.toUpperCase() })}
            </button>
          ))}
          {c && c.needs_review > 0 && (
            <a class="button-link" href={`#/review?job=${id}`}>
              {t("reviewThese", { n: c.needs_review })}
            </a>
          )}
          {status && !isFinalStatus(status) && s.user.role !== "viewer" && (
            <button type="button" class="danger" onClick={() => void cancel()}>
              {t("cancelJob")}
            </button>
          )}
        </div>
        <ErrorNote error={reportError} />
      </div>
      <div class="job-body">
        <div class="card items">
          <h2>{t("items")}</h2>
          <ItemsTable rows={list} t={t} />
        </div>
        <SourcePanel jobId={id} t={t} />
      </div>
    </Page>
  );
}
