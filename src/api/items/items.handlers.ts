import type { RouteHandler } from "@hono/zod-openapi";
import { toJobView } from "../../domain/job";
import { getJobRow } from "../../jobs/repo";
import { decideItem } from "../../review/decide";
import { afterDecisions } from "../../review/effects";
import type { AppEnv } from "../create-app";
import type { reviewItemRoute } from "./items.routes";

export const reviewItem: RouteHandler<typeof reviewItemRoute, AppEnv> = async (c) => {
  const db = c.var.db();
  const { tenantId } = c.var.auth;
  const outcome = await decideItem(db, c.var.auth, c.req.valid("param").itemId, c.req.valid("json"));
  await afterDecisions(c.env, db, tenantId, [outcome]);
  const job = toJobView(await getJobRow(db, tenantId, outcome.jobId));
  return c.json(
    {
      item: { ...outcome.item, jobId: outcome.jobId },
      decision: outcome.decision,
      job: { id: job.id, counts: job.counts },
    },
    200,
  );
};
