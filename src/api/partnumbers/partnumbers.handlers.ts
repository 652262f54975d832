import type { RouteHandler } from "@hono/zod-openapi";
import { pipelineConfig } from "../../config/pipeline";
import { ApiError } from "../../lib/errors";
import { getCatalogEntry, listCatalog } from "../../review/catalog-entries";
import { importClassifications } from "../../review/import";
import { csvRows, importRows, xlsxRows } from "../../review/import-rows";
import type { AppEnv } from "../create-app";
import { MIME_BY_TYPE, readUpload, sourceKey } from "../jobs/upload";
import type { getPartnumberRoute, importPartnumbersRoute, listPartnumbersRoute } from "./partnumbers.routes";

export const listPartnumbers: RouteHandler<typeof listPartnumbersRoute, AppEnv> = async (c) =>
  c.json(await listCatalog(c.var.db(), c.var.auth.tenantId, c.req.valid("query")), 200);

export const getPartnumber: RouteHandler<typeof getPartnumberRoute, AppEnv> = async (c) =>
  c.json(await getCatalogEntry(c.var.db(), c.var.auth.tenantId, c.req.valid("param").partnumber), 200);

export const importPartnumbers: RouteHandler<typeof importPartnumbersRoute, AppEnv> = async (c) => {
  const upload = await readUpload(c.req.raw, pipelineConfig(c.env).maxUploadBytes);
  if (upload.type === "pdf") {
    throw new ApiError(415, "unsupported_media_type", "Send the classifications as a CSV or XLSX file.");
  }
  const { sheet } = c.req.valid("query");
  const rows = importRows(upload.type === "xlsx" ? xlsxRows(upload.bytes, sheet) : csvRows(upload.bytes));
  const { tenantId } = c.var.auth;
  const jobId = crypto.randomUUID();
  const key = sourceKey(tenantId, jobId, upload.fileName, upload.type);
  await c.env.FILES.put(key, upload.bytes, { httpMetadata: { contentType: MIME_BY_TYPE[upload.type] } });
  const outcome = await importClassifications(c.var.db(), c.var.auth, rows, {
    jobId,
    name: upload.fileName,
    key,
  });
  c.header("Location", `/v1/jobs/${jobId}`);
  return c.json(outcome, 201);
};
