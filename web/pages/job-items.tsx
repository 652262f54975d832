import { useEffect, useState } from "preact/hooks";
import type { ItemClassification } from "../../src/shared/jobs";
import { confidenceText, StatusBadge } from "../components/ui";
import { isMissingRoute, untyped } from "../lib/api";
import type { T } from "../lib/i18n";

export interface Row {
  seq: number;
  id: string;
  partnumber: string;
  description: string | null;
  manufacturer: string | null;
  status: string;
  reason: string | null;
  classification: ItemClassification | null;
}

// Official NCM descriptions, fetched once per code (GET /v1/ncm/:code, from the review work); when
// that route is not on the server the column just shows the code.
const ncmText = new Map<string, Promise<string | null>>();
let ncmRouteMissing = false;
function ncmDescription(code: string): Promise<string | null> {
  if (ncmRouteMissing) return Promise.resolve(null);
  let p = ncmText.get(code);
  if (!p) {
    p = untyped<{ description?: string }>("GET", `/v1/ncm/${encodeURIComponent(code)}`)
      .then((r) => r.description ?? null)
      .catch((err) => {
        if (isMissingRoute(err)) ncmRouteMissing = true;
        return null;
      });
    ncmText.set(code, p);
  }
  return p;
}

const formatNcm = (code: string) => code.replace(/^(\d{4})(\d{2})(\d{2})$/, "$1.$2.$3");

/** IPI from the TIPI: a rate, "NT" (não tributado), or unknown. */
const ipiText = (rate: number | "NT" | null | undefined, t: T) =>
  rate === "NT" ? "NT" : rate == null ? "—" : `${t.number(rate, 1)}%`;

function NcmCell({ code, fallback }: { code: string; fallback: string | null }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void ncmDescription(code).then((d) => live && setText(d));
    return () => {
      live = false;
    };
  }, [code]);
  const pretty = formatNcm(code);
  return (
    <>
      <span class="code">{pretty}</span>
      {(text ?? fallback) && <span class="sub">{text ?? fallback}</span>}
    </>
  );
}

export function ItemsTable({ rows, t }: { rows: Row[]; t: T }) {
  if (rows.length === 0) return <p class="muted">{t("noItems")}</p>;
  return (
    <div class="table-wrap">
      <table data-testid="items-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("partnumber")}</th>
            <th scope="col">{t("description")}</th>
            <th scope="col">{t("manufacturer")}</th>
            <th scope="col">{t("ncm")}</th>
            <th scope="col">{t("exTipi")}</th>
            <th scope="col">{t("ipi")}</th>
            <th scope="col">{t("confidence")}</th>
            <th scope="col">{t("source")}</th>
            <th scope="col">{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const c = r.classification;
            return (
              <tr key={r.seq} data-status={r.status}>
                <td>{r.seq}</td>
                <td class="code">{r.partnumber}</td>
                <td>{r.description ?? c?.description ?? "—"}</td>
                <td>{r.manufacturer ?? c?.manufacturer ?? "—"}</td>
                <td>
                  {c ? <NcmCell code={c.ncm} fallback={c.description} /> : "—"}
                  {c?.declaredDisagrees && c.declaredNcm && (
                    <span class="sub" data-testid="declared-differs">
                      {t("declaredDiffers", { ncm: formatNcm(c.declaredNcm) })}
                    </span>
                  )}
                </td>
                <td>{c?.exTipi ?? "—"}</td>
                <td>{ipiText(c?.ipiRate, t)}</td>
                <td>{confidenceText(c?.confidence)}</td>
                <td>{c?.source ?? "—"}</td>
                <td>
                  <StatusBadge status={r.status} t={t} />
                  {r.reason && <span class="sub">{r.reason}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
