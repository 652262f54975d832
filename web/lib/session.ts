import { hc } from "hono/client";
import type { AppType } from "../../src/app";
import { createStore } from "./store";

export interface SessionUser {
  id: string;
  tenantId: string;
  email: string;
  role: "admin" | "member" | "viewer";
  mustChangePassword: boolean;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: SessionUser;
}

/** null: signed out. `ready` turns true once a stored session was restored (or there was none). */
export const session = createStore<Session | null>(null);
export const ready = createStore(false);

// The refresh token lives in sessionStorage: it survives a reload but not the tab, and two tabs never
// spend the same single-use token (a reuse would revoke the whole session family by design).
const KEY = "partwise.refresh";
let timer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<boolean> | null = null;

/** The public auth routes, typed: no token is added and a 401 is never retried. */
export const auth = hc<AppType>(location.origin).v1.auth;

export function adopt(t: TokenResponse): Session {
  const s = { accessToken: t.accessToken, refreshToken: t.refreshToken, user: t.user };
  sessionStorage.setItem(KEY, t.refreshToken);
  session.set(s);
  clearTimeout(timer);
  // Refresh in the background a minute before the access token expires.
  timer = setTimeout(() => void refreshSession(), Math.max(10, t.expiresIn - 60) * 1000);
  return s;
}

function drop(): void {
  clearTimeout(timer);
  sessionStorage.removeItem(KEY);
  session.set(null);
}

/** Spends the refresh token for a new pair; false (and signed out) when it is no longer good. */
export function refreshSession(): Promise<boolean> {
  inflight ??= (async () => {
    const refreshToken = session.get()?.refreshToken ?? sessionStorage.getItem(KEY);
    if (!refreshToken) return false;
    try {
      const res = await auth.refresh.$post({ json: { refreshToken } });
      if (res.status !== 200) {
        if (res.status === 401 || res.status === 422) drop();
        return false;
      }
      adopt(await res.json());
      return true;
    } catch {
      return false;
    } finally {
      inflight = null;
    }
  })();
  return inflight;
}

export async function restore(): Promise<void> {
  if (sessionStorage.getItem(KEY)) await refreshSession();
  ready.set(true);
}

export async function signOut(): Promise<void> {
  const s = session.get();
  drop();
  if (s) await auth.logout.$post({ json: { refreshToken: s.refreshToken } }).catch(() => {});
}
