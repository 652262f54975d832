import { createRouter } from "../create-app";
import { getPartnumber, importPartnumbers, listPartnumbers } from "./partnumbers.handlers";
import { getPartnumberRoute, importPartnumbersRoute, listPartnumbersRoute } from "./partnumbers.routes";

/** /v1/partnumbers: the tenant's catalog. */
export const partnumbersRouter = createRouter()
  .openapi(listPartnumbersRoute, listPartnumbers)
  .openapi(importPartnumbersRoute, importPartnumbers)
  .openapi(getPartnumberRoute, getPartnumber);
