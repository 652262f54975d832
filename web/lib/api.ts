import type { z } from "@hono/zod-openapi";
import { hc, type InferResponseType } from "hono/client";
import type { CreateJobBodySchema } from "../../src/api/jobs/jobs.schemas";
import type { AppType } from "../../src/app";
import { refreshSession, session } from "./session";

/** An API error in the one error shape `{ error: { code, message, details } }`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Adds the access token; on a 401 it refreshes the session once and tries again. */
async function authedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const send = () => {
    const headers = new Headers(init?.headers);
    const s = session.get();
    if (s) headers.set("authorization", `Bearer ${s.accessToken}`);
    return fetch(input, { ...init, headers });
  };
  const res = await send();
  if (res.status === 401 && session.get() && (await refreshSession())) return send();
  return res;
}

/** The typed client over the Worker's own route types: a breaking API change fails `npm run typecheck`. */
export const api = hc<AppType>(location.origin, { fetch: authedFetch });

export type JobCreated = InferResponseType<typeof api.v1.jobs.$post, 202>;
/** POST /v1/jobs's JSON body: the route's extra (document) media types hide it from hc's input type. */
export type CreateJobBody = z.input<typeof CreateJobBodySchema>;
export type Job = InferResponseType<(typeof api.v1.jobs)[":id"]["$get"], 200>;
export type JobItem = InferResponseType<(typeof api.v1.jobs)[":id"]["items"]["$get"], 200>["items"][number];

/** The body of a successful response, or an ApiFailure carrying the error shape. */
type OkBody<R> = R extends { ok: true; json(): Promise<infer B> } ? B : never;
export async function ok<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  res: R,
): Promise<OkBody<R>> {
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as OkBody<R>;
  throw await failure(res);
}

export async function failure(res: { status: number; json(): Promise<unknown> }): Promise<ApiFailure> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: unknown };
  } | null;
  return new ApiFailure(
    res.status,
    body?.error?.code ?? "http_error",
    body?.error?.message ?? `HTTP ${res.status}`,
    body?.error?.details,
  );
}

/** A route that is not (yet) on this server answers the router's 404 "No route for …". */
export const isMissingRoute = (e: unknown) =>
  e instanceof ApiFailure && e.status === 404 && /^No route for/.test(e.message);

/**
 * Routes the web app already uses but that are not in AppType yet (review, NCM search, report links,
 * webhooks — built in parallel): plain calls through the same authenticated fetch, typed by the
 * shapes in their issue texts. Each caller shows "not available" on isMissingRoute.
 */
export async function untyped<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await authedFetch(new URL(path, location.origin), {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Fetches a file with the token (downloads and the source preview cannot use a plain link). */
export async function fetchBlob(url: string): Promise<{ blob: Blob; name: string | null }> {
  const res = await authedFetch(url);
  if (!res.ok) throw await failure(res);
  const disposition = res.headers.get("content-disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
  return { blob: await res.blob(), name };
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export { authedFetch };

/** Creates a job from a document (FormData) or a list (JSON), both on POST /v1/jobs. */
export async function createJob(body: FormData | CreateJobBody): Promise<JobCreated> {
  const json = !(body instanceof FormData);
  const res = await authedFetch(api.v1.jobs.$url(), {
    method: "POST",
    headers: json ? { "content-type": "application/json" } : {},
    body: json ? JSON.stringify(body) : body,
  });
  if (res.status !== 202) throw await failure(res);
  return (await res.json()) as JobCreated;
}
