import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../auth/middleware";
import { catalogClassificationSchema } from "../../domain/classification";
import { JobSchema } from "../jobs/jobs.schemas";
import { authErrorResponses, ErrorSchema, notFoundResponse } from "../schemas";

const json = <T>(schema: T) => ({ "application/json": { schema } });

export const CatalogClassificationSchema = catalogClassificationSchema.openapi("CatalogClassification");

const CatalogEntrySchema = z
  .object({
    partnumber: z.string().openapi({ description: "Normalised part number." }),
    description: z.string().nullable(),
    manufacturer: z.string().nullable(),
    classification: CatalogClassificationSchema.nullable().openapi({
      description: "The active classification later jobs reuse (a human one wins over every machine answer).",
    }),
  })
  .openapi("CatalogEntry");

export const listPartnumbersRoute = createRoute({
  method: "get",
  path: "/partnumbers",
  tags: ["Catalog"],
  summary: "The tenant's catalog of part numbers, in part-number order",
  request: {
    query: z.strictObject({
      query: z.string().max(200).optional().openapi({
        description: "A prefix of the normalised part number, or words in its description (all must match).",
      }),
      cursor: z.string().max(500).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
  },
  responses: {
    200: {
      description: "A page of the catalog",
      content: json(z.object({ items: z.array(CatalogEntrySchema), nextCursor: z.string().nullable() })),
    },
    ...authErrorResponses,
  },
});

export const getPartnumberRoute = createRoute({
  method: "get",
  path: "/partnumbers/{partnumber}",
  tags: ["Catalog"],
  summary: "One part number with its full classification history (who, when, source, status), oldest first",
  request: {
    params: z.object({
      partnumber: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: "partnumber", in: "path" }, example: "GRM188R71H104KA93D" }),
    }),
  },
  responses: {
    200: {
      description: "The part number",
      content: json(
        CatalogEntrySchema.extend({ history: z.array(CatalogClassificationSchema) }).openapi(
          "CatalogEntryDetail",
        ),
      ),
    },
    ...notFoundResponse,
    ...authErrorResponses,
  },
});

const binary = { schema: z.string().openapi({ format: "binary" }) };

export const importPartnumbersRoute = createRoute({
  method: "post",
  path: "/partnumbers/import",
  tags: ["Catalog"],
  summary:
    "Import existing classifications (CSV or XLSX) as human catalog entries, as a job (member or admin)",
  description:
    "A sheet with a header row naming a part-number column and an NCM column (Ex-TIPI, description and manufacturer optional), as `text/csv`, the XLSX type or `multipart/form-data` with a `file` field (the type is decided by the content). XLSX: the sheet named by `?sheet=` (name or 0-based index), else the first sheet with those headers; a code stored as a number that lost its leading zero is read as 8 digits. An Ex-TIPI is checked against the TIPI under the row's code. Each accepted row becomes the tenant's `human` catalog entry for that part number; a row whose code is not in force (or malformed, or repeating another row with another code) is refused with its reason. The import is a finished job: its items (GET /v1/jobs/{id}/items) are the rows, classified or invalid with the reason.",
  middleware: [requireRole("member")] as const,
  request: {
    query: z.object({
      sheet: z
        .string()
        .max(100)
        .optional()
        .openapi({ description: "XLSX: the sheet to read, by name or 0-based index." }),
    }),
    body: {
      required: true,
      content: {
        "text/csv": binary,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": binary,
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            properties: { file: { type: "string", format: "binary", description: "CSV or XLSX" } },
          },
        },
      },
    },
  },
  responses: {
    201: {
      description: "Imported",
      content: json(
        z
          .object({
            job: JobSchema,
            imported: z.number().int(),
            refused: z.array(
              z.object({
                row: z.number().int(),
                partnumber: z.string(),
                ncm: z.string(),
                reason: z.string(),
              }),
            ),
          })
          .openapi("CatalogImport"),
      ),
    },
    413: { description: "The file is larger than MAX_UPLOAD_BYTES", content: json(ErrorSchema) },
    415: { description: "Not a CSV or XLSX file", content: json(ErrorSchema) },
    ...authErrorResponses,
  },
});
