import { useEffect, useState } from "preact/hooks";
import { ErrorNote, Page } from "../components/ui";
import { untyped } from "../lib/api";
import { useT } from "../lib/i18n";

/** Shapes from issue 13 (the webhooks API is built in parallel; until it lands this page says so). */
interface Webhook {
  id: string;
  url: string;
  events: string[];
  createdAt?: string;
}
interface Delivery {
  id: string;
  event?: string;
  status?: string;
  attempts?: number;
  statusCode?: number | null;
  error?: string | null;
  createdAt?: string;
}
const EVENTS = ["job.started", "job.completed", "job.failed", "review.changed", "summary.daily"];

export function WebhooksPage() {
  const t = useT();
  const [hooks, setHooks] = useState<Webhook[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [deliveries, setDeliveries] = useState<{ id: string; items: Delivery[] } | null>(null);
  const load = () =>
    untyped<{ items: Webhook[] } | Webhook[]>("GET", "/v1/webhooks")
      .then((b) => setHooks(Array.isArray(b) ? b : b.items))
      .catch(setError);
  useEffect(() => void load(), []);

  async function add(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      const r = await untyped<{ id: string; secret: string }>("POST", "/v1/webhooks", {
        url: String(form.get("url")),
        events: form.getAll("events").map(String),
      });
      setSecret(r.secret);
      void load();
    } catch (err) {
      setError(err);
    }
  }
  async function remove(id: string) {
    await untyped("DELETE", `/v1/webhooks/${id}`).catch(setError);
    void load();
  }
  async function show(id: string) {
    try {
      const b = await untyped<{ items: Delivery[] } | Delivery[]>("GET", `/v1/webhooks/${id}/deliveries`);
      setDeliveries({ id, items: Array.isArray(b) ? b : b.items });
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Page title={t("webhooksTitle")}>
      <ErrorNote error={error} />
      <form class="card" onSubmit={add}>
        <label>
          {t("url")}
          <input name="url" type="url" required placeholder="https://" />
        </label>
        <fieldset>
          <legend>{t("events")}</legend>
          {EVENTS.map((ev) => (
            <label key={ev} class="inline">
              <input type="checkbox" name="events" value={ev} defaultChecked={ev.startsWith("job.")} /> {ev}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t("addWebhook")}</button>
      </form>
      {secret && (
        <p class="note ok" role="status">
          <code>{t("secret", { secret })}</code>
        </p>
      )}
      <div class="table-wrap card">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("url")}</th>
              <th scope="col">{t("events")}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {hooks.map((h) => (
              <tr key={h.id}>
                <td class="code">{h.url}</td>
                <td>{h.events.join(", ")}</td>
                <td>
                  <button type="button" class="secondary" onClick={() => void show(h.id)}>
                    {t("deliveries")}
                  </button>{" "}
                  <button type="button" class="danger" onClick={() => void remove(h.id)}>
                    {t("delete")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {deliveries && (
        <div class="table-wrap card">
          <h2>{t("deliveries")}</h2>
          <table>
            <tbody>
              {deliveries.items.map((d) => (
                <tr key={d.id}>
                  <td>{d.event}</td>
                  <td>{d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.statusCode ?? "—"}</td>
                  <td>{d.error ?? ""}</td>
                  <td>{t.date(d.createdAt ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
