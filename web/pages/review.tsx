import type { InferResponseType } from "hono/client";
import { useEffect, useState } from "preact/hooks";
import type { Occurrence } from "../../src/domain/item";
import { confidenceText, ErrorNote, Page } from "../components/ui";
import { api, ok } from "../lib/api";
import { useT } from "../lib/i18n";
import type { Session } from "../lib/session";
import { type NcmHit, NcmSearch } from "./ncm-search";

type ReviewItem = InferResponseType<typeof api.v1.review.$get, 200>["items"][number];
type Decision = { action: "accept" | "override" | "reject"; ncm?: string; note?: string };

/** Where the part number was read: "p. 2, line 14: <raw text>" (page and line for documents). */
const lineOf = (item: ReviewItem): string | null => {
  const o = item.origin.occurrences[0] as Occurrence | undefined;
  if (!o) return null;
  const where = [o.page != null ? `p. ${o.page}` : "", o.line != null ? `#${o.line}` : ""].filter(Boolean);
  return `${where.length ? `${where.join(", ")}: ` : ""}${o.raw}`;
};

export function ReviewPage({ s }: { s: Session }) {
  const t = useT();
  // `#/review?job=<id>` (the job page's link) opens the queue filtered to that job.
  const initialJob = new URLSearchParams(location.hash.split("?")[1] ?? "").get("job") ?? "";
  const [filters, setFilters] = useState({ jobId: initialJob, minConfidence: "", maxConfidence: "" });
  const [items, setItems] = useState<ReviewItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [focus, setFocus] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [overriding, setOverriding] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const canDecide = s.user.role !== "viewer";

  async function load(from?: string) {
    const query = {
      limit: "50",
      cursor: from,
      jobId: filters.jobId || undefined,
      minConfidence: filters.minConfidence || undefined,
      maxConfidence: filters.maxConfidence || undefined,
    };
    try {
      const page = await ok(await api.v1.review.$get({ query }));
      setItems((prev) => (from ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }
  useEffect(() => void load(), []);

  async function decide(ids: string[], d: Decision) {
    if (!canDecide || ids.length === 0) return;
    try {
      let decided = ids;
      setError(null);
      if (ids.length === 1) {
        const item = items.find((i) => i.id === ids[0]);
        await ok(
          await api.v1.items[":itemId"].review.$post({
            param: { itemId: ids[0]! },
            json: { ...d, expectedClassificationId: item?.classificationId ?? null },
          }),
        );
      } else {
        const r = await ok(await api.v1.review.$post({ json: { ...d, itemIds: ids } }));
        decided = r.results.filter((x) => x.status === 200).map((x) => x.itemId);
        if (r.failed > 0)
          setError(new Error(r.results.find((x) => x.error)?.error?.message ?? `${r.failed}`));
      }
      // Accepted and overridden items leave the queue; a rejected one stays needs_review.
      if (d.action !== "reject") setItems((prev) => prev.filter((i) => !decided.includes(i.id)));
      setSelected(new Set());
      setOverriding(null);
      setDone(t("reviewed"));
    } catch (err) {
      setError(err);
    }
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement).tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || e.ctrlKey || e.metaKey || e.altKey)
        return;
      const item = items[focus];
      if (e.key === "j") setFocus((f) => Math.min(f + 1, items.length - 1));
      else if (e.key === "k") setFocus((f) => Math.max(f - 1, 0));
      else if (e.key === "A" && e.shiftKey) void decide([...selected], { action: "accept" });
      else if (!item) return;
      else if (e.key === "a") void decide([item.id], { action: "accept" });
      else if (e.key === "r") void decide([item.id], { action: "reject" });
      else if (e.key === "o") setOverriding(item.id);
      else if (e.key === "x") toggle(item.id);
      else return;
      e.preventDefault();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  });
  useEffect(() => {
    // j/k move the focus to the item's first control (its checkbox or Accept button).
    document.querySelector<HTMLElement>(`[data-review-index="${focus}"] :is(input, button)`)?.focus();
  }, [focus]);

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Page title={t("reviewTitle")}>
      <p class="muted">{t("reviewHelp")}</p>
      <form
        class="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <label>
          {t("jobFilter")}
          <input
            value={filters.jobId}
            onInput={(e) => setFilters({ ...filters, jobId: e.currentTarget.value.trim() })}
          />
        </label>
        <label>
          {t("minConfidence")}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={filters.minConfidence}
            onInput={(e) => setFilters({ ...filters, minConfidence: e.currentTarget.value })}
          />
        </label>
        <label>
          {t("maxConfidence")}
          <input
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={filters.maxConfidence}
            onInput={(e) => setFilters({ ...filters, maxConfidence: e.currentTarget.value })}
          />
        </label>
        <button type="submit">{t("apply")}</button>
      </form>
      <ErrorNote error={error} />
      {done && (
        <p class="note ok" role="status">
          {done}
        </p>
      )}
      {canDecide && selected.size > 0 && (
        <button type="button" onClick={() => void decide([...selected], { action: "accept" })}>
          {t("acceptSelected", { n: selected.size })}
        </button>
      )}
      {!error && items.length === 0 && <p class="muted">{t("none")}</p>}
      <ol class="review-list" data-testid="review-list">
        {items.map((item, i) => (
          <li
            key={item.id}
            class={`card review ${i === focus ? "focused" : ""}`}
            data-review-index={i}
            onFocusIn={() => setFocus(i)}
          >
            <div class="review-head">
              {canDecide && (
                <label class="check">
                  <input type="checkbox" checked={selected.has(item.id)} onChange={() => toggle(item.id)} />
                  <span class="sr-only">{t("select")}</span>
                </label>
              )}
              <strong class="code">{item.partnumber}</strong>
              <span>{item.description ?? item.classification?.description ?? ""}</span>
              <span class="muted">{item.manufacturer ?? item.classification?.manufacturer ?? ""}</span>
            </div>
            {item.classification && (
              <p>
                {t("ncm")}: <span class="code">{item.classification.ncm}</span> · {t("confidence")}{" "}
                {confidenceText(item.classification.confidence)} · {item.classification.source}
                <span class="sub">{item.classification.rationale}</span>
              </p>
            )}
            {lineOf(item) && (
              <p class="muted">
                {t("line")}: <q>{lineOf(item)}</q>
                {item.origin.document && <span class="sub">{item.origin.document}</span>}
              </p>
            )}
            {item.candidates.length > 0 && (
              <div>
                <h3>{t("candidates")}</h3>
                <ul class="candidates">
                  {item.candidates.map((c) => (
                    <li key={c.code}>
                      <button
                        type="button"
                        class="link code"
                        disabled={!canDecide}
                        onClick={() => void decide([item.id], { action: "override", ncm: c.code })}
                      >
                        {c.code}
                      </button>{" "}
                      {c.description}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {canDecide && (
              <div class="actions">
                <button type="button" onClick={() => void decide([item.id], { action: "accept" })}>
                  {t("accept")}
                </button>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => setOverriding(overriding === item.id ? null : item.id)}
                >
                  {t("override")}
                </button>
                <button
                  type="button"
                  class="danger"
                  onClick={() => void decide([item.id], { action: "reject" })}
                >
                  {t("reject")}
                </button>
              </div>
            )}
            {overriding === item.id && (
              <NcmSearch
                t={t}
                autoFocus
                onPick={(h: NcmHit) => void decide([item.id], { action: "override", ncm: h.code })}
              />
            )}
          </li>
        ))}
      </ol>
      {cursor && (
        <button type="button" class="secondary" onClick={() => void load(cursor)}>
          {t("loadMore")}
        </button>
      )}
    </Page>
  );
}
