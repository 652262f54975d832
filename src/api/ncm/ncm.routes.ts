import { createRoute, z } from "@hono/zod-openapi";
import { authErrorResponses, notFoundResponse } from "../schemas";

const json = <T>(schema: T) => ({ "application/json": { schema } });

const NcmLevelSchema = z.object({ code: z.string(), description: z.string() }).openapi("NcmLevel");

const NcmHitSchema = z
  .object({
    code: z.string().openapi({ example: "85322410" }),
    description: z.string(),
    path: z.array(NcmLevelSchema).openapi({ description: "Chapter → heading → subheading … → the code." }),
    score: z
      .number()
      .openapi({ description: "Share of the query words the code's path holds (1 for a code prefix)." }),
  })
  .openapi("NcmSearchHit");

export const searchNcmRoute = createRoute({
  method: "get",
  path: "/ncm",
  tags: ["NCM"],
  summary:
    "Search the NCM table in force: a code prefix (dots optional) or words (Portuguese; English and Spanish through the glossary)",
  request: {
    query: z.strictObject({
      query: z.string().trim().min(1).max(200).openapi({ example: "capacitor ceramico multicamadas" }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: { description: "Ranked 8-digit codes", content: json(z.object({ items: z.array(NcmHitSchema) })) },
    ...authErrorResponses,
  },
});

export const getNcmRoute = createRoute({
  method: "get",
  path: "/ncm/{code}",
  tags: ["NCM"],
  summary:
    "One NCM code: its hierarchy, validity, children, Ex-TIPI lines and rates (when the TIPI/TEC are loaded)",
  request: {
    params: z.object({
      code: z
        .string()
        .max(16)
        .openapi({ param: { name: "code", in: "path" }, example: "8532.24.10" }),
    }),
  },
  responses: {
    200: {
      description: "The code",
      content: json(
        z
          .object({
            code: z.string(),
            description: z.string(),
            level: z.number().int(),
            validFrom: z.string().nullable(),
            validTo: z.string().nullable(),
            inForce: z.boolean(),
            path: z.array(NcmLevelSchema),
            children: z.array(NcmLevelSchema),
            rates: z
              .object({
                ipiRate: z.union([z.number(), z.literal("NT")]).nullable(),
                iiRate: z.number().nullable(),
                exLines: z.array(
                  z.object({
                    ex: z.string(),
                    description: z.string(),
                    ipiRate: z.union([z.number(), z.literal("NT")]).nullable(),
                  }),
                ),
              })
              .nullable()
              .openapi({
                description:
                  "IPI (TIPI), Ex-TIPI lines and import duty (TEC) of an 8-digit code; nulls while those tables are not loaded.",
              }),
          })
          .openapi("NcmCode"),
      ),
    },
    ...notFoundResponse,
    ...authErrorResponses,
  },
});
