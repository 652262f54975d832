import { app } from "./app";
import type { Bindings } from "./lib/env";
import { setLogLevel } from "./lib/logger";
import { syncNcmFromUrl } from "./ncm/scheduled";
import { HOURLY_CRON, runDailySummaries } from "./notify/daily";
import { handleQueue } from "./queue";

export { JobActor } from "./jobs/job-actor";
export { RateLimiter } from "./limits/rate-limiter";

export default {
  fetch: app.fetch,
  queue: (batch, env) => {
    setLogLevel(env.LOG_LEVEL);
    return handleQueue(batch, env);
  },
  scheduled: (controller, env, ctx) => {
    setLogLevel(env.LOG_LEVEL);
    // Crons from wrangler.toml: the daily NCM sync, and the hourly daily-summary run.
    if (controller.cron === HOURLY_CRON)
      ctx.waitUntil(runDailySummaries(env, new Date(controller.scheduledTime)));
    else ctx.waitUntil(syncNcmFromUrl(env));
  },
} satisfies ExportedHandler<Bindings>;
