import { useEffect, useState } from "preact/hooks";
import { ErrorNote, Page } from "../components/ui";
import { api, ok } from "../lib/api";
import { useT } from "../lib/i18n";

type Entry = Awaited<ReturnType<typeof ok<Awaited<ReturnType<typeof api.v1.audit.$get>>>>>["items"][number];

export function AuditPage() {
  const t = useT();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function load(from?: string) {
    try {
      const page = await ok(await api.v1.audit.$get({ query: { limit: "50", cursor: from } }));
      setEntries((prev) => (from ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    }
  }
  useEffect(() => void load(), []);
  return (
    <Page title={t("auditTitle")}>
      <ErrorNote error={error} />
      <div class="table-wrap card">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("when")}</th>
              <th scope="col">{t("action")}</th>
              <th scope="col">{t("actor")}</th>
              <th scope="col">{t("target")}</th>
              <th scope="col">{t("ip")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{t.date(e.createdAt)}</td>
                <td class="code">{e.action}</td>
                <td>
                  {e.actorType} {e.actorId?.slice(0, 8)}
                </td>
                <td>
                  {e.targetType} {e.targetId?.slice(0, 8)}
                </td>
                <td>{e.ip ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cursor && (
        <button type="button" class="secondary" onClick={() => void load(cursor)}>
          {t("loadMore")}
        </button>
      )}
    </Page>
  );
}
