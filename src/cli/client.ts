import { openAsBlob } from "node:fs";
import path from "node:path";
import type { z } from "@hono/zod-openapi";
import { hc, type InferResponseType } from "hono/client";
import type { CreateJobBodySchema } from "../api/jobs/jobs.schemas";
import type { AppType } from "../app";
import type { CliConfig } from "./config";

/** An API error in the one error shape; `missingRoute` when the server has no such route (yet). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  get missingRoute() {
    return this.status === 404 && /^No route for/.test(this.message);
  }
}

export async function apiError(res: { status: number; json(): Promise<unknown> }): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  return new ApiError(
    res.status,
    body?.error?.code ?? "http_error",
    body?.error?.message ?? `HTTP ${res.status}`,
  );
}

type OkBody<R> = R extends { ok: true; json(): Promise<infer B> } ? B : never;
export async function ok<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  res: R,
): Promise<OkBody<R>> {
  if (!res.ok) throw await apiError(res);
  return (res.status === 204 ? undefined : await res.json()) as OkBody<R>;
}

/** The typed client over the Worker's route types (AppType): a breaking API change fails the typecheck. */
export function makeClient(config: CliConfig) {
  const headers = { authorization: `Bearer ${config.apiKey}` };
  const api = hc<AppType>(config.apiUrl, { headers });
  type JobCreated = InferResponseType<typeof api.v1.jobs.$post, 202>;

  async function send(url: string | URL, init: RequestInit): Promise<Response> {
    return fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  }
  return {
    api,
    config,
    /** POST /v1/jobs with a document: the multipart body is not part of hc's input type. */
    async uploadJob(file: string): Promise<JobCreated> {
      const form = new FormData();
      form.set("file", await openAsBlob(file), path.basename(file));
      const res = await send(api.v1.jobs.$url(), { method: "POST", body: form });
      if (res.status !== 202) throw await apiError(res);
      return (await res.json()) as JobCreated;
    },
    /** POST /v1/jobs with JSON (see web/lib/api.ts: the route's document media types hide the JSON input). */
    async createJob(body: z.input<typeof CreateJobBodySchema>): Promise<JobCreated> {
      const res = await send(api.v1.jobs.$url(), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status !== 202) throw await apiError(res);
      return (await res.json()) as JobCreated;
    },
    async download(route: string): Promise<Uint8Array> {
      const res = await send(new URL(route, config.apiUrl), { method: "GET" });
      if (!res.ok) throw await apiError(res);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
export type Client = ReturnType<typeof makeClient>;
