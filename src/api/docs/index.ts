import type { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import type { AppEnv } from "../create-app";

/** Serves the OpenAPI document generated from the zod route definitions, and a rendered reference. */
export function registerDocs(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API key (`pw_…`) or an access token from POST /v1/auth/login.",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "partwise API",
      version: "1.0.0",
      description: "Finds manufacturer part numbers in documents and classifies them into NCM codes.",
    },
    security: [{ bearer: [] }],
  });
  // The renderer is the Worker's own static asset (copied from @scalar/api-reference at build time),
  // and its web fonts are off, so the page needs nothing but this origin (it works offline).
  app.get(
    "/docs",
    Scalar({
      url: "/openapi.json",
      pageTitle: "partwise API reference",
      cdn: "/assets/scalar/standalone.js",
      withDefaultFonts: false,
    }),
  );
}
