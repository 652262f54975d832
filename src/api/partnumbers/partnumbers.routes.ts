import { createRoute, z } from "@hono/zod-openapi";
import { ClassificationSchema } from "../jobs/jobs.schemas";
import { authErrorResponses, notFoundResponse } from "../schemas";

const json = <T>(schema: T) => ({ "application/json": { schema } });

export const CatalogClassificationSchema = ClassificationSchema.extend({
  id: z.uuid(),
  status: z.enum(["active", "replaced", "rejected"]),
  model: z.string().nullable(),
  jobId: z.uuid().nullable(),
  createdBy: z.string().nullable().openapi({
    description: "`user:<id>` / `api_key:<id>` (a person or an import), `job:<id>` (a machine answer).",
  }),
  createdAt: z.string(),
  reviewedBy: z.string().nullable().openapi({ description: "Who replaced or rejected it." }),
  reviewedAt: z.string().nullable(),
  note: z.string().nullable(),
}).openapi("CatalogClassification");

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
