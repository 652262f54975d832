import type { ComponentChildren } from "preact";
import { type Lang, setLang, useT } from "../lib/i18n";
import type { MessageKey } from "../lib/messages";
import { type Session, signOut } from "../lib/session";

const NAV: Array<{ path: string; key: MessageKey; admin?: boolean }> = [
  { path: "/", key: "navNew" },
  { path: "/jobs", key: "navJobs" },
  { path: "/review", key: "navReview" },
  { path: "/admin/users", key: "navUsers", admin: true },
  { path: "/admin/keys", key: "navKeys", admin: true },
  { path: "/admin/webhooks", key: "navWebhooks", admin: true },
  { path: "/admin/audit", key: "navAudit", admin: true },
];

export function LangSwitch() {
  const t = useT();
  return (
    <label class="lang">
      <span class="sr-only">{t("language")}</span>
      <select value={t.lang} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
        <option value="en">English</option>
        <option value="pt-BR">Português (Brasil)</option>
      </select>
    </label>
  );
}

export function Layout({
  path,
  s,
  children,
}: {
  path: string;
  s: Session | null;
  children: ComponentChildren;
}) {
  const t = useT();
  const current = (p: string) => (p === "/" ? path === "/" : path.startsWith(p));
  return (
    <>
      {/* A button, not a link: with hash routes, href="#main" would be a navigation. */}
      <button type="button" class="skip" onClick={() => document.getElementById("main")?.focus()}>
        {t("skip")}
      </button>
      <header class="top">
        <a class="brand" href="#/">
          partwise
        </a>
        {s && !s.user.mustChangePassword && (
          <nav aria-label="main">
            <ul>
              {NAV.filter((n) => !n.admin || s.user.role === "admin").map((n) => (
                <li key={n.path}>
                  <a href={`#${n.path}`} aria-current={current(n.path) ? "page" : undefined}>
                    {t(n.key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="tools">
          <LangSwitch />
          {s && (
            <>
              <span class="who">{s.user.email}</span>
              <button type="button" class="link" onClick={() => void signOut()}>
                {t("signOut")}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
