import type { ComponentChildren } from "preact";
import { ApiFailure, isMissingRoute } from "../lib/api";
import { type T, useT } from "../lib/i18n";

/** An error, read out by screen readers as it appears; a missing route reads "not available". */
export function ErrorNote({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  if (isMissingRoute(error)) return <p class="note warn">{t("notAvailable")}</p>;
  const message = error instanceof ApiFailure || error instanceof Error ? error.message : String(error);
  return (
    <p class="note error" role="alert">
      {t("error", { message })}
    </p>
  );
}

export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}

export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div class="progress">
      <div
        class="bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}% (${done}/${total})`}
        data-testid="job-progress"
      >
        <div class="fill" style={{ width: `${pct}%` }} />
      </div>
      <span class="pct">{pct}%</span>
    </div>
  );
}

export function StatusBadge({ status, t }: { status: string; t: T }) {
  const known = ["pending", "classified", "needs_review", "failed", "invalid"] as const;
  const label = (known as readonly string[]).includes(status) ? t(status as (typeof known)[number]) : status;
  return <span class={`badge s-${status}`}>{label.replace(/_/g, " ")}</span>;
}

export const confidenceText = (c: number | null | undefined) => (c == null ? "—" : `${Math.round(c * 100)}%`);
