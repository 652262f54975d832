import { createRouter } from "../create-app";
import { bulkDecision, reviewQueue } from "./review.handlers";
import { bulkDecisionRoute, reviewQueueRoute } from "./review.routes";

/** /v1/review: the queue and bulk decisions. */
export const reviewRouter = createRouter()
  .openapi(reviewQueueRoute, reviewQueue)
  .openapi(bulkDecisionRoute, bulkDecision);
