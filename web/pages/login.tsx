import { useState } from "preact/hooks";
import { ErrorNote, Page } from "../components/ui";
import { failure } from "../lib/api";
import { useT } from "../lib/i18n";
import { adopt, auth, type Session } from "../lib/session";

export function Login() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const res = await auth.login.$post({
        json: { email: String(form.get("email")), password: String(form.get("password")) },
      });
      if (res.status !== 200) throw await failure(res);
      adopt(await res.json());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Page title={t("signIn")}>
      <form class="card narrow" onSubmit={submit}>
        <label>
          {t("email")}
          <input name="email" type="email" autocomplete="username" required />
        </label>
        <label>
          {t("password")}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t("signingIn") : t("signIn")}
        </button>
      </form>
    </Page>
  );
}

/** After a one-time password every route but this one answers 403 password_change_required. */
export function ChangePassword({ s }: { s: Session }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  async function submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const next = String(form.get("new"));
    if (next !== String(form.get("confirm"))) return setError(new Error(t("passwordsDiffer")));
    setError(null);
    try {
      const res = await auth.password.$post(
        { json: { currentPassword: String(form.get("current")), newPassword: next } },
        { headers: { authorization: `Bearer ${s.accessToken}` } },
      );
      if (res.status !== 200) throw await failure(res);
      adopt(await res.json());
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Page title={t("changePassword")}>
      <form class="card narrow" onSubmit={submit}>
        <p>{t("changePasswordHelp")}</p>
        <label>
          {t("currentPassword")}
          <input name="current" type="password" autocomplete="current-password" required />
        </label>
        <label>
          {t("newPassword")}
          <input name="new" type="password" autocomplete="new-password" minLength={12} required />
        </label>
        <label>
          {t("confirmPassword")}
          <input name="confirm" type="password" autocomplete="new-password" minLength={12} required />
        </label>
        <ErrorNote error={error} />
        <button type="submit">{t("save")}</button>
      </form>
    </Page>
  );
}
