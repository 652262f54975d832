import { createRoute, z } from "@hono/zod-openapi";
import { publicJwks } from "../../auth/jwt";
import { createRouter } from "../create-app";

const JwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).openapi("JsonWebKeySet");

const jwksRoute = createRoute({
  method: "get",
  path: "/.well-known/jwks.json",
  tags: ["Auth"],
  summary: "Public keys that verify access tokens (rotation by kid)",
  security: [],
  responses: { 200: { description: "JWK set", content: { "application/json": { schema: JwksSchema } } } },
});

/** Public keys only; short cache so a rotated key is seen well within one token lifetime. */
export const wellKnown = createRouter().openapi(jwksRoute, async (c) =>
  c.json(await publicJwks(c.env), 200, { "Cache-Control": "public, max-age=300" }),
);
