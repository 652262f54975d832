import { createRoute, z } from "@hono/zod-openapi";
import { authErrorResponses, notFoundResponse } from "../schemas";

export const WsTicketSchema = z
  .object({
    ticket: z.string(),
    expiresAt: z.string().datetime(),
    expiresIn: z.number().int().openapi({ example: 60 }),
    url: z.string().openapi({ description: "Path to open the job's WebSocket with this ticket" }),
  })
  .openapi("WsTicket");

export const wsTicketRoute = createRoute({
  method: "post",
  path: "/jobs/{id}/ws-ticket",
  tags: ["Jobs"],
  summary: "Get a single-use ticket (60 s) to open the job's WebSocket from a browser",
  request: { params: z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: {
    201: { description: "Ticket", content: { "application/json": { schema: WsTicketSchema } } },
    ...authErrorResponses,
    ...notFoundResponse,
  },
});
