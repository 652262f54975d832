import { type MessageKey, messages } from "./messages";
import { createStore, useStore } from "./store";

export type Lang = "en" | "pt-BR";
const KEY = "partwise.lang";

/** The browser's language decides until the user picks one with the switch (then that is kept). */
function initial(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved === "en" || saved === "pt-BR") return saved;
  return (navigator.languages ?? [navigator.language]).some((l) => l.toLowerCase().startsWith("pt"))
    ? "pt-BR"
    : "en";
}

export const lang = createStore<Lang>(initial());
document.documentElement.lang = lang.get();

export function setLang(l: Lang): void {
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l;
  lang.set(l);
}

export function translate(l: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = messages[l][key] ?? messages.en[key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? "")) : text;
}

/** `const t = useT(); t("signIn")` — re-renders when the language changes. */
export function useT() {
  const l = useStore(lang);
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(l, key, vars);
  t.lang = l;
  t.number = (n: number, digits = 0) =>
    n.toLocaleString(l, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  t.date = (iso: string | null) => (iso ? new Date(iso).toLocaleString(l) : "—");
  return t;
}
export type T = ReturnType<typeof useT>;
