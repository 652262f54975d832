import type { RouteHandler } from "@hono/zod-openapi";
import { ApiError } from "../../lib/errors";
import { type DecisionOutcome, decideItem } from "../../review/decide";
import { afterDecisions } from "../../review/effects";
import { listReviewQueue } from "../../review/queue";
import type { AppEnv } from "../create-app";
import type { bulkDecisionRoute, reviewQueueRoute } from "./review.routes";

export const reviewQueue: RouteHandler<typeof reviewQueueRoute, AppEnv> = async (c) => {
  return c.json(await listReviewQueue(c.var.db(), c.var.auth.tenantId, c.req.valid("query")), 200);
};

export const bulkDecision: RouteHandler<typeof bulkDecisionRoute, AppEnv> = async (c) => {
  const { itemIds, ...input } = c.req.valid("json");
  const db = c.var.db();
  const done: DecisionOutcome[] = [];
  const results = [];
  // One at a time: each decision is its own transaction, and the connection pool stays small.
  for (const itemId of [...new Set(itemIds)]) {
    try {
      const outcome = await decideItem(db, c.var.auth, itemId, input);
      done.push(outcome);
      results.push({
        itemId,
        status: 200,
        item: { ...outcome.item, jobId: outcome.jobId },
        decision: outcome.decision,
      });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      results.push({
        itemId,
        status: err.status as number,
        error: { code: err.code, message: err.message, details: err.details },
      });
    }
  }
  await afterDecisions(c.env, db, c.var.auth.tenantId, done);
  return c.json({ results, decided: done.length, failed: results.length - done.length }, 200);
};
