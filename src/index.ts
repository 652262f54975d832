import { app } from "./app";
import type { Bindings } from "./lib/env";
import { syncNcmFromUrl } from "./ncm/scheduled";
import { handleQueue } from "./queue";

export { JobActor } from "./jobs/job-actor";

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleQueue(batch, env),
  scheduled: (_controller, env, ctx) => ctx.waitUntil(syncNcmFromUrl(env)),
} satisfies ExportedHandler<Bindings>;
