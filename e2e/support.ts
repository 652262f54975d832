import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8850";
export const API_KEY = process.env.E2E_API_KEY ?? "";
export const ARTIFACTS = path.resolve(import.meta.dirname, "../test-results");
/** When set (a folder), the tests also save the README's screenshots there. */
export const SHOTS = process.env.E2E_SCREENSHOTS ? path.resolve(process.env.E2E_SCREENSHOTS) : null;

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(p))
    throw new Error(`no Chromium at ${p}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return p;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}

/** Runs a browser step; on failure keeps a full-page screenshot under test-results/ and rethrows. */
export async function withShot<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name.replace(/\W+/g, "-")}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.error(`e2e: screenshot of the failure: ${file}`);
    throw err;
  }
}

export async function api<T>(
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${BASE}${route}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

/** A fresh admin user of the dev tenant, with the one-time password the API hands out. */
export async function freshUser(): Promise<{ email: string; password: string }> {
  const email = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const r = await api<{ oneTimePassword: string }>("POST", "/v1/users", { email, role: "admin" });
  if (r.status !== 201)
    throw new Error(`could not create the test user: ${r.status} ${JSON.stringify(r.body)}`);
  return { email, password: r.body.oneTimePassword };
}

/**
 * Timeouts for a shared 2-core CI machine: a page that loads in 1 s when idle took 37 s under load.
 * Waiting longer never hides a failure (the condition must still come true); it only stops load
 * from reading as one.
 */
export function patient(context: BrowserContext): void {
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(120_000);
}
