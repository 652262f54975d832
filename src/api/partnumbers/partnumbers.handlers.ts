import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../lib/create-app";
import { getCatalogEntry, listCatalog } from "../../review/catalog-entries";
import type { getPartnumberRoute, listPartnumbersRoute } from "./partnumbers.routes";

export const listPartnumbers: RouteHandler<typeof listPartnumbersRoute, AppEnv> = async (c) =>
  c.json(await listCatalog(c.var.db(), c.var.auth.tenantId, c.req.valid("query")), 200);

export const getPartnumber: RouteHandler<typeof getPartnumberRoute, AppEnv> = async (c) =>
  c.json(await getCatalogEntry(c.var.db(), c.var.auth.tenantId, c.req.valid("param").partnumber), 200);
