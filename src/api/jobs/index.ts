import type { z } from "@hono/zod-openapi";
import { authenticateWsUpgrade } from "../../auth/ws-ticket";
import { toJobView } from "../../domain/job";
import { createJob } from "../../jobs/create-job";
import { REFUSED_CONTROL } from "../../jobs/normalize";
import { getJobRow, listItems, listJobs, listLiveItems } from "../../jobs/repo";
import { ApiError } from "../../lib/errors";
import { isFinalStatus } from "../../shared/jobs";
import { createRouter } from "../create-app";
import {
  cancelJobRoute,
  createJobRoute,
  getJobRoute,
  jobEventsRoute,
  jobSocketRoute,
  jobSourceRoute,
  listItemsRoute,
  listJobsRoute,
} from "./jobs.routes";
import type { CreateJobBodySchema } from "./jobs.schemas";
import { jobLinks } from "./links";

const actor = (
  env: { JOB_ACTOR: DurableObjectNamespace<import("../../jobs/job-actor").JobActor> },
  id: string,
) => env.JOB_ACTOR.get(env.JOB_ACTOR.idFromName(id));

/** A control character in a part number is a client bug, not a part: 422 naming the first entries. */
function refuseControlCharacters(items: { partnumber: string }[]): void {
  const bad: number[] = [];
  items.forEach((it, i) => {
    if (bad.length < 20 && typeof it.partnumber === "string" && REFUSED_CONTROL.test(it.partnumber))
      bad.push(i);
  });
  if (bad.length === 0) return;
  throw new ApiError(
    422,
    "invalid_partnumber",
    `Part number at index ${bad[0]} contains control characters.`,
    { indexes: bad },
  );
}

/** /v1/jobs: mounted on the authenticated /v1 router. */
export const jobsRouter = createRouter()
  .openapi(createJobRoute, async (c) => {
    // Documents never reach this handler (see byContentType), so the body is the validated JSON one;
    // the route's extra (non-zod) media types hide that from the inferred input type.
    const body = c.req.valid("json" as never) as z.infer<typeof CreateJobBodySchema>;
    const items = body.items ?? (body.partnumbers ?? []).map((partnumber) => ({ partnumber }));
    refuseControlCharacters(items);
    const { job, replayed } = await createJob(
      c.var.db(),
      c.env,
      c.var.auth,
      {
        items,
        options: body.options ?? {},
        idempotencyKey: c.req.valid("header")["idempotency-key"] ?? null,
      },
      body,
    );
    if (replayed) c.header("Idempotency-Replayed", "true");
    c.header("Location", `/v1/jobs/${job.id}`);
    return c.json({ job, links: jobLinks(job.id) }, 202);
  })
  .openapi(listJobsRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(await listJobs(c.var.db(), c.var.auth.tenantId, q), 200);
  })
  .openapi(getJobRoute, async (c) => {
    const row = await getJobRow(c.var.db(), c.var.auth.tenantId, c.req.valid("param").id);
    return c.json(toJobView(row), 200);
  })
  .openapi(listItemsRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await getJobRow(c.var.db(), c.var.auth.tenantId, id);
    const q = c.req.valid("query");
    // Until the jobs row is final, items without an outcome are only in the actor.
    const live = isFinalStatus(row.status)
      ? null
      : await listLiveItems(c.var.db(), c.var.auth.tenantId, actor(c.env, id), q);
    return c.json(live ?? (await listItems(c.var.db(), c.var.auth.tenantId, id, q)), 200);
  })
  .openapi(cancelJobRoute, async (c) => {
    const { id } = c.req.valid("param");
    await getJobRow(c.var.db(), c.var.auth.tenantId, id);
    const result = await actor(c.env, id).cancel();
    if (!result.job) throw new ApiError(404, "not_found", "The job was not found.");
    if (!result.cancelled) {
      throw new ApiError(409, "job_finished", `The job already finished (${result.job.status}).`, {
        job: result.job,
      });
    }
    return c.json({ job: result.job }, 202);
  })
  .openapi(jobEventsRoute, async (c) => {
    const { id } = c.req.valid("param");
    await getJobRow(c.var.db(), c.var.auth.tenantId, id);
    const page = await actor(c.env, id).events(c.req.valid("query").since);
    return c.json(page, 200);
  })
  .openapi(jobSocketRoute, async (c) => {
    const { id } = c.req.valid("param");
    const auth = await authenticateWsUpgrade(c, id);
    await getJobRow(c.var.db(), auth.tenantId, id);
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new ApiError(426, "upgrade_required", "This endpoint speaks WebSocket only.");
    }
    // The actor owns the socket (hibernatable); it reads `since` from the URL.
    return actor(c.env, id).fetch(c.req.raw) as unknown as Response;
  })
  .openapi(jobSourceRoute, async (c) => {
    const { id } = c.req.valid("param");
    const job = await getJobRow(c.var.db(), c.var.auth.tenantId, id);
    // The key is read from the tenant's own job row, never built from the request.
    const object = job.sourceKey ? await c.env.FILES.get(job.sourceKey) : null;
    if (!object) throw new ApiError(404, "not_found", "This job has no source document.");
    const name = (job.sourceName ?? job.sourceKey!.split("/").pop() ?? "source").replace(/["\\\r\n]/g, "_");
    return c.body(object.body, 200, {
      "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream",
      "Content-Length": String(object.size),
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    });
  });
