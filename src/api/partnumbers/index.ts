import { createRouter } from "../../lib/create-app";
import { getPartnumber, listPartnumbers } from "./partnumbers.handlers";
import { getPartnumberRoute, listPartnumbersRoute } from "./partnumbers.routes";

/** /v1/partnumbers: the tenant's catalog. */
export const partnumbersRouter = createRouter()
  .openapi(listPartnumbersRoute, listPartnumbers)
  .openapi(getPartnumberRoute, getPartnumber);
