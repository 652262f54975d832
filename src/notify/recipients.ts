import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";

/** The tenant's active users who opted in to this kind of e-mail. */
export async function mailRecipients(db: Db, tenantId: string, kind: "job" | "summary"): Promise<string[]> {
  const optedIn = kind === "job" ? users.emailJobEvents : users.emailDailySummary;
  const rows = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), isNull(users.disabledAt), eq(optedIn, true)));
  return rows.map((r) => r.email);
}
