export type Role = "admin" | "member" | "viewer";

/** Who is calling, resolved by the auth middleware; every query is scoped by `tenantId`. */
export interface AuthContext {
  tenantId: string;
  role: Role;
  principal: { type: "api_key" | "user"; id: string };
}
