import type { InferResponseType } from "hono/client";
import { useEffect, useState } from "preact/hooks";
import { ErrorNote, Page } from "../components/ui";
import { api, failure, ok } from "../lib/api";
import { useT } from "../lib/i18n";

type Webhook = InferResponseType<typeof api.v1.webhooks.$get, 200>["items"][number];
type Delivery = InferResponseType<
  (typeof api.v1.webhooks)[":id"]["deliveries"]["$get"],
  200
>["items"][number];
type WebhookEvent = Webhook["events"][number];
const EVENTS: WebhookEvent[] = [
  "job.started",
  "job.completed",
  "job.failed",
  "review.changed",
  "summary.daily",
];

export function WebhooksPage() {
  const t = useT();
  const [hooks, setHooks] = useState<Webhook[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [deliveries, setDeliveries] = useState<{ id: string; items: Delivery[] } | null>(null);
  const load = () =>
    api.v1.webhooks
      .$get()
      .then((r) => ok(r))
      .then((b) => setHooks(b.items))
      .catch(setError);
  useEffect(() => void load(), []);

  async function add(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      const events = form.getAll("events").map(String) as WebhookEvent[];
      const r = await ok(await api.v1.webhooks.$post({ json: { url: String(form.get("url")), events } }));
      setSecret(r.secret);
      void load();
    } catch (err) {
      setError(err);
    }
  }
  async function remove(id: string) {
    const r = await api.v1.webhooks[":id"].$delete({ param: { id } });
    if (!r.ok) setError(await failure(r));
    void load();
  }
  async function show(id: string) {
    try {
      const b = await ok(
        await api.v1.webhooks[":id"].deliveries.$get({ param: { id }, query: { limit: "50" } }),
      );
      setDeliveries({ id, items: b.items });
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
                  <td>{d.attempts.length}</td>
                  <td>{d.lastStatusCode ?? "—"}</td>
                  <td>{d.lastError ?? ""}</td>
                  <td>{t.date(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
