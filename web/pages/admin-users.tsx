import { useEffect, useState } from "preact/hooks";
import { ErrorNote, Page } from "../components/ui";
import { api, ok } from "../lib/api";
import { useT } from "../lib/i18n";
import type { Session } from "../lib/session";

type Role = "admin" | "member" | "viewer";
type User = Awaited<ReturnType<typeof ok<Awaited<ReturnType<typeof api.v1.users.$get>>>>>["items"][number];
const ROLES: Role[] = ["admin", "member", "viewer"];

export function UsersPage({ s }: { s: Session }) {
  const t = useT();
  const [users, setUsers] = useState<User[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = () =>
    api.v1.users
      .$get()
      .then((r) => ok(r))
      .then((b) => setUsers(b.items))
      .catch(setError);
  useEffect(() => void load(), []);

  async function add(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      const r = await ok(
        await api.v1.users.$post({
          json: { email: String(form.get("email")), role: form.get("role") as Role },
        }),
      );
      setNotice(t("oneTimePassword", { email: r.user.email, password: r.oneTimePassword }));
      (e.currentTarget as HTMLFormElement | null)?.reset();
      void load();
    } catch (err) {
      setError(err);
    }
  }
  async function update(id: string, json: { role?: Role; disabled?: boolean }) {
    try {
      await ok(await api.v1.users[":id"].$patch({ param: { id }, json }));
      setError(null);
      void load();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Page title={t("usersTitle")}>
      <form class="filters card" onSubmit={add}>
        <label>
          {t("email")}
          <input name="email" type="email" required />
        </label>
        <label>
          {t("role")}
          <select name="role">
            {ROLES.map((r) => (
              <option key={r} value={r} selected={r === "member"}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("addUser")}</button>
      </form>
      {notice && (
        <p class="note ok" role="status">
          <code>{notice}</code>
        </p>
      )}
      <ErrorNote error={error} />
      <div class="table-wrap card">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("disabled")}</th>
              <th scope="col">{t("created_at")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>
                  <label>
                    <span class="sr-only">{t("role")}</span>
                    <select
                      value={u.role}
                      disabled={u.id === s.user.id}
                      onChange={(e) => void update(u.id, { role: e.currentTarget.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </label>
                </td>
                <td>
                  <button
                    type="button"
                    class="secondary"
                    disabled={u.id === s.user.id}
                    onClick={() => void update(u.id, { disabled: !u.disabled })}
                  >
                    {u.disabled ? t("enable") : t("disable")}
                  </button>
                </td>
                <td>{t.date(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
