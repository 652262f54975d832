import { useEffect, useState } from "preact/hooks";
import { JOB_STATUSES, type JobStatus } from "../../src/shared/jobs";
import { ErrorNote, Page } from "../components/ui";
import { api, type Job, ok } from "../lib/api";
import { useT } from "../lib/i18n";

/** The tenant's jobs, newest first: status filtered by the API, the search box over the loaded pages. */
export function JobsPage() {
  const t = useT();
  const [status, setStatus] = useState<JobStatus | "">("");
  const [query, setQuery] = useState("");
  const [jobs, setJobs] = useState<Job[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  async function load(from?: string) {
    setLoading(true);
    try {
      const page = await ok(
        await api.v1.jobs.$get({ query: { status: status || undefined, cursor: from, limit: "50" } }),
      );
      setJobs((prev) => (from ? [...prev, ...page.jobs] : page.jobs));
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => void load(), [status]);

  const q = query.trim().toLowerCase();
  const shown = q ? jobs.filter((j) => j.id.includes(q) || j.status.includes(q)) : jobs;
  return (
    <Page title={t("jobsTitle")}>
      <form class="filters card" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("search")}
          <input
            type="search"
            placeholder={t("searchJobs")}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </label>
        <label>
          {t("status")}
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as JobStatus | "")}>
            <option value="">{t("allStatuses")}</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNote error={error} />
      {shown.length === 0 && !loading ? (
        <p class="muted">{t("none")}</p>
      ) : (
        <div class="table-wrap card">
          <table data-testid="jobs-table">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("total")}</th>
                <th scope="col">{t("classified")}</th>
                <th scope="col">{t("needs_review")}</th>
                <th scope="col">{t("failed")}</th>
                <th scope="col">{t("created_at")}</th>
                <th scope="col">{t("finished_at")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((j) => (
                <tr key={j.id}>
                  <td>
                    <a class="code" href={`#/jobs/${j.id}`}>
                      {j.id.slice(0, 8)}
                    </a>
                  </td>
                  <td>{j.status.replace(/_/g, " ")}</td>
                  <td>{t.number(j.counts.total)}</td>
                  <td>{t.number(j.counts.classified)}</td>
                  <td>{t.number(j.counts.needs_review)}</td>
                  <td>{t.number(j.counts.failed)}</td>
                  <td>{t.date(j.createdAt)}</td>
                  <td>{t.date(j.finishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" class="secondary" disabled={loading} onClick={() => void load(cursor)}>
          {t("loadMore")}
        </button>
      )}
    </Page>
  );
}
