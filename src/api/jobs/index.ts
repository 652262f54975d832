import { authenticateWsUpgrade } from "../../auth/ws-ticket";
import { createJob } from "../../jobs/create-job";
import { getJobRow, jobView, listItems, listJobs } from "../../jobs/repo";
import { createRouter } from "../../lib/create-app";
import { ApiError } from "../../lib/errors";
import {
  cancelJobRoute,
  createJobRoute,
  getJobRoute,
  jobEventsRoute,
  jobSocketRoute,
  listItemsRoute,
  listJobsRoute,
} from "./jobs.routes";

const links = (id: string) => ({
  self: `/v1/jobs/${id}`,
  items: `/v1/jobs/${id}/items`,
  events: `/v1/jobs/${id}/events`,
  websocket: `/v1/jobs/${id}/ws`,
});

const actor = (
  env: { JOB_ACTOR: DurableObjectNamespace<import("../../jobs/job-actor").JobActor> },
  id: string,
) => env.JOB_ACTOR.get(env.JOB_ACTOR.idFromName(id));

/** /v1/jobs: mounted on the authenticated /v1 router. */
export const jobsRouter = createRouter()
  .openapi(createJobRoute, async (c) => {
    const body = c.req.valid("json");
    const items = body.items ?? (body.partnumbers ?? []).map((partnumber) => ({ partnumber }));
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
    return c.json({ job, links: links(job.id) }, 202);
  })
  .openapi(listJobsRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(await listJobs(c.var.db(), c.var.auth.tenantId, q), 200);
  })
  .openapi(getJobRoute, async (c) => {
    const row = await getJobRow(c.var.db(), c.var.auth.tenantId, c.req.valid("param").id);
    return c.json(jobView(row), 200);
  })
  .openapi(listItemsRoute, async (c) => {
    const { id } = c.req.valid("param");
    await getJobRow(c.var.db(), c.var.auth.tenantId, id);
    return c.json(await listItems(c.var.db(), c.var.auth.tenantId, id, c.req.valid("query")), 200);
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
  });
