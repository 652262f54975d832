import { app } from "./app";
import type { Bindings } from "./lib/env";
import { setLogLevel } from "./lib/logger";
import { syncNcmFromUrl } from "./ncm/scheduled";
import { handleQueue } from "./queue";

export { JobActor } from "./jobs/job-actor";
export { RateLimiter } from "./limits/rate-limiter";

export default {
  fetch: app.fetch,
  queue: (batch, env) => {
    setLogLevel(env.LOG_LEVEL);
    return handleQueue(batch, env);
  },
  scheduled: (_controller, env, ctx) => {
    setLogLevel(env.LOG_LEVEL);
    ctx.waitUntil(syncNcmFromUrl(env));
  },
} satisfies ExportedHandler<Bindings>;
