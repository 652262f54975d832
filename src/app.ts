import { apiKeyRoutes } from "./api/api-keys";
import { auditRoutes } from "./api/audit";
import { authRoutes } from "./api/auth";
import { wsTickets } from "./api/auth/ws-ticket";
import { createApp, createRouter } from "./api/create-app";
import { registerDocs } from "./api/docs";
import { health } from "./api/health";
import { itemsRouter } from "./api/items";
import { jobsRouter } from "./api/jobs";
import { ncmRouter } from "./api/ncm";
import { notificationRoutes } from "./api/notifications";
import { partnumbersRouter } from "./api/partnumbers";
import { reportFilesRouter, reportsRouter } from "./api/reports";
import { reviewRouter } from "./api/review";
import { userRoutes } from "./api/users";
import { webhookRoutes } from "./api/webhooks";
import { wellKnown } from "./api/well-known";
import { requireAuth } from "./auth/middleware";

/**
 * Every /v1 route requires authentication; resource routers are mounted on it. The mounts are one
 * chain so the route types add up into AppType, which the web app and the CLI build their typed
 * client (`hc`) on: an API change that breaks a client fails the typecheck.
 */
function v1() {
  const router = createRouter();
  router.use("*", requireAuth);
  return router
    .route("/", apiKeyRoutes)
    .route("/", userRoutes)
    .route("/", auditRoutes)
    .route("/", wsTickets)
    .route("/", jobsRouter)
    .route("/", reportsRouter)
    .route("/", webhookRoutes)
    .route("/", notificationRoutes)
    .route("/", reviewRouter)
    .route("/", itemsRouter)
    .route("/", partnumbersRouter)
    .route("/", ncmRouter);
}

export function buildApp() {
  const app = createApp()
    .route("/", health)
    .route("/", wellKnown)
    // Public (login, refresh, logout, password change): mounted before the /v1 router so requireAuth,
    // registered for /v1/*, never runs for them (the route answers first).
    .route("/v1/auth", authRoutes)
    // Signed report downloads carry their authorisation in the link (an e-mail can hold one).
    .route("/v1", reportFilesRouter)
    .route("/v1", v1());
  registerDocs(app);
  return app;
}

export const app = buildApp();
export type AppType = typeof app;
