import { registerDocs } from "./api/docs";
import { health } from "./api/health";
import { requireAuth } from "./auth/middleware";
import { createApp, createRouter } from "./lib/create-app";

/** Every /v1 route requires authentication; resource routers are mounted on it. */
function v1() {
  const router = createRouter();
  router.use("*", requireAuth);
  return router;
}

export function buildApp() {
  const app = createApp();
  app.route("/", health);
  app.route("/v1", v1());
  registerDocs(app);
  return app;
}

export const app = buildApp();
