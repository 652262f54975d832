import { ApiError } from "../lib/errors";

/** Opaque pagination cursors: base64url JSON, so clients never build or parse them. */
export function encodeCursor(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCursor<T>(cursor: string | undefined, valid: (v: unknown) => v is T): T | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    if (valid(value)) return value;
  } catch {
    // fall through
  }
  throw new ApiError(422, "invalid_cursor", "The cursor is malformed or from another listing.");
}
