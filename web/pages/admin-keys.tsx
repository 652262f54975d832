import { useEffect, useState } from "preact/hooks";
import { ErrorNote, Page } from "../components/ui";
import { api, ok } from "../lib/api";
import { useT } from "../lib/i18n";

type Role = "admin" | "member" | "viewer";
type Key = Awaited<
  ReturnType<typeof ok<Awaited<ReturnType<(typeof api.v1)["api-keys"]["$get"]>>>>
>["items"][number];

export function KeysPage() {
  const t = useT();
  const [keys, setKeys] = useState<Key[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const load = () =>
    api.v1["api-keys"]
      .$get()
      .then((r) => ok(r))
      .then((b) => setKeys(b.items))
      .catch(setError);
  useEffect(() => void load(), []);

  async function create(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      const r = await ok(
        await api.v1["api-keys"].$post({
          json: { name: String(form.get("name")), role: form.get("role") as Role },
        }),
      );
      setSecret(r.key);
      void load();
    } catch (err) {
      setError(err);
    }
  }
  async function revoke(id: string) {
    try {
      const r = await api.v1["api-keys"][":id"].$delete({ param: { id } });
      if (!r.ok) await ok(r);
      void load();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Page title={t("keysTitle")}>
      <form class="filters card" onSubmit={create}>
        <label>
          {t("name")}
          <input name="name" required maxLength={100} />
        </label>
        <label>
          {t("role")}
          <select name="role">
            <option value="member">member</option>
            <option value="viewer">viewer</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit">{t("createKey")}</button>
      </form>
      {secret && (
        <p class="note ok" role="status">
          <code>{t("newKey", { key: secret })}</code>
        </p>
      )}
      <ErrorNote error={error} />
      <div class="table-wrap card">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("prefix")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("lastUsed")}</th>
              <th scope="col">{t("revoked")}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td class="code">{k.prefix}…</td>
                <td>{k.role}</td>
                <td>{t.date(k.lastUsedAt)}</td>
                <td>{t.date(k.revokedAt)}</td>
                <td>
                  {!k.revokedAt && (
                    <button type="button" class="danger" onClick={() => void revoke(k.id)}>
                      {t("revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
