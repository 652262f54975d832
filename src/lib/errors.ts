import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The one error shape every response uses: `{ "error": { code, message, details } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

/** An error that maps to an HTTP response; thrown anywhere, rendered by the app's onError. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorBody(code: string, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details } };
}

export const notFound = (what = "resource") => new ApiError(404, "not_found", `The ${what} was not found.`);
export const unauthorized = (message = "A valid API key or access token is required.") =>
  new ApiError(401, "unauthorized", message, null, { "WWW-Authenticate": 'Bearer realm="partwise"' });
export const forbidden = (message = "Your role does not allow this action.") =>
  new ApiError(403, "forbidden", message);
