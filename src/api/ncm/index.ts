import { createRouter } from "../create-app";
import { getNcmHandler, searchNcmHandler } from "./ncm.handlers";
import { getNcmRoute, searchNcmRoute } from "./ncm.routes";

/** /v1/ncm: the NCM table (shared by every tenant, read-only). */
export const ncmRouter = createRouter()
  .openapi(searchNcmRoute, searchNcmHandler)
  .openapi(getNcmRoute, getNcmHandler);
