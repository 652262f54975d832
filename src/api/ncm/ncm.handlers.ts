import type { RouteHandler } from "@hono/zod-openapi";
import { getNcmCode, searchCodes } from "../../review/ncm-code";
import type { AppEnv } from "../create-app";
import type { getNcmRoute, searchNcmRoute } from "./ncm.routes";

export const searchNcmHandler: RouteHandler<typeof searchNcmRoute, AppEnv> = async (c) => {
  const { query, limit } = c.req.valid("query");
  return c.json({ items: await searchCodes(c.var.db(), query, limit) }, 200);
};

export const getNcmHandler: RouteHandler<typeof getNcmRoute, AppEnv> = async (c) =>
  c.json(await getNcmCode(c.var.db(), c.req.valid("param").code), 200);
