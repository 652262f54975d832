import { useEffect, useRef, useState } from "preact/hooks";
import { untyped } from "../lib/api";
import type { T } from "../lib/i18n";

export interface NcmHit {
  code: string;
  description: string;
}

function hitsOf(body: unknown): NcmHit[] {
  const b = body as { items?: unknown[]; results?: unknown[] } | unknown[];
  const list = Array.isArray(b) ? b : (b?.items ?? b?.results ?? []);
  return (list as NcmHit[]).filter((h) => typeof h?.code === "string").slice(0, 12);
}

/**
 * NCM search as you type (GET /v1/ncm?query=), debounced. The hits are buttons: Enter in the box takes
 * the first, ArrowDown moves into the list, and an 8-digit code typed in full can be taken as it is.
 */
export function NcmSearch({
  t,
  onPick,
  autoFocus,
}: {
  t: T;
  onPick: (hit: NcmHit) => void;
  autoFocus?: boolean;
}) {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<NcmHit[]>([]);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (query.trim().length < 2) return setHits([]);
    const timer = setTimeout(() => {
      untyped<unknown>("GET", `/v1/ncm?query=${encodeURIComponent(query.trim())}`)
        .then((b) => {
          setHits(hitsOf(b));
          setError(null);
        })
        .catch(setError);
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);
  const digits = query.replace(/\D/g, "");
  return (
    <div class="ncm-search">
      <label>
        {t("ncmSearch")}
        <input
          ref={input}
          value={query}
          aria-describedby="ncm-count"
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === "ArrowDown") {
              e.preventDefault();
              list.current?.querySelector("button")?.focus();
            } else if (e.key === "Enter") {
              e.preventDefault();
              if (hits[0]) onPick(hits[0]);
              else if (/^\d{8}$/.test(digits)) onPick({ code: digits, description: "" });
            }
          }}
        />
      </label>
      <span id="ncm-count" class="sr-only" aria-live="polite">
        {hits.length}
      </span>
      {error ? <p class="note warn">{t("notAvailable")}</p> : null}
      {hits.length > 0 && (
        <ul ref={list} class="hits">
          {hits.map((h) => (
            <li key={h.code}>
              <button
                type="button"
                class="hit"
                onClick={() => onPick(h)}
                onKeyDown={(e) => {
                  e.stopPropagation();
                  const li = (e.currentTarget as HTMLElement).parentElement;
                  const to =
                    e.key === "ArrowDown"
                      ? li?.nextElementSibling
                      : e.key === "ArrowUp"
                        ? li?.previousElementSibling
                        : null;
                  if (to) {
                    e.preventDefault();
                    to.querySelector("button")?.focus();
                  }
                }}
              >
                <span class="code">{h.code}</span> {h.description}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
