import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../auth/middleware";
import { authErrorResponses } from "../schemas";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const PreferencesSchema = z
  .strictObject({
    jobEmails: z.boolean().openapi({ description: "E-mail when each of the tenant's jobs starts and ends" }),
    summaryEmails: z
      .boolean()
      .openapi({ description: "E-mail the tenant's daily summary (19:00 local time)" }),
  })
  .openapi("NotificationPreferences");

export const getPreferencesRoute = createRoute({
  method: "get",
  path: "/me/notifications",
  tags: ["Notifications"],
  summary: "The calling user's e-mail opt-ins (users only, not API keys)",
  responses: { 200: json(PreferencesSchema, "Opt-ins"), ...authErrorResponses },
});

export const putPreferencesRoute = createRoute({
  method: "put",
  path: "/me/notifications",
  tags: ["Notifications"],
  summary: "Opt in or out of job and daily-summary e-mail (users only)",
  request: { body: { required: true, content: { "application/json": { schema: PreferencesSchema } } } },
  responses: { 200: json(PreferencesSchema, "Opt-ins"), ...authErrorResponses },
});

export const SettingsSchema = z
  .strictObject({
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .openapi({ example: "America/Sao_Paulo", description: "IANA time zone" }),
  })
  .openapi("TenantSettings");

export const getSettingsRoute = createRoute({
  method: "get",
  path: "/tenant/settings",
  tags: ["Notifications"],
  summary: "The tenant's settings (its time zone decides when the daily summary goes out)",
  responses: { 200: json(SettingsSchema, "Settings"), ...authErrorResponses },
});

export const patchSettingsRoute = createRoute({
  method: "patch",
  path: "/tenant/settings",
  tags: ["Notifications"],
  summary: "Change the tenant's time zone (admin)",
  middleware: requireRole("admin"),
  request: { body: { required: true, content: { "application/json": { schema: SettingsSchema } } } },
  responses: { 200: json(SettingsSchema, "Settings"), ...authErrorResponses },
});

const SummarySchema = z
  .object({
    date: z.string(),
    timeZone: z.string(),
    from: z.string().datetime(),
    to: z.string().datetime(),
    complete: z.boolean(),
    jobs: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
    items: z.object({
      total: z.number().int(),
      classified: z.number().int(),
      needsReview: z.number().int(),
      failed: z.number().int(),
      invalid: z.number().int(),
    }),
    ai: z.object({ items: z.number().int() }),
    slowestJob: z.object({ id: z.string().uuid(), seconds: z.number(), items: z.number().int() }).nullable(),
    sentAt: z.string().datetime().nullable(),
  })
  .openapi("DailySummary");

export const summaryRoute = createRoute({
  method: "get",
  path: "/summary",
  tags: ["Notifications"],
  summary: "The tenant's daily summary: jobs of the 24 hours up to 19:00 local time on that date",
  request: {
    query: z.strictObject({
      date: z.iso
        .date()
        .optional()
        .openapi({ description: "YYYY-MM-DD in the tenant's time zone; default today" }),
    }),
  },
  responses: {
    200: json(SummarySchema, "The summary (the stored one once it was sent)"),
    ...authErrorResponses,
  },
});
