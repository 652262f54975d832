import { type Bindings, intVar } from "../lib/env";

export interface Limit {
  requests: number;
  windowSeconds: number;
}

/** Parses "<requests>/<seconds>" (e.g. "60/60"); empty, "0" or malformed means no limit. */
export function parseLimit(value: string | undefined): Limit | null {
  const m = value?.trim().match(/^(\d+)\s*\/\s*(\d+)$/);
  if (!m) return null;
  const requests = Number(m[1]);
  const windowSeconds = Number(m[2]);
  return requests > 0 && windowSeconds > 0 ? { requests, windowSeconds } : null;
}

/** Failed-login lockout: `LOGIN_MAX_FAILURES` in a row lock the account for `LOGIN_LOCKOUT_SECONDS`. */
export function lockoutPolicy(env: Partial<Bindings>): { maxFailures: number; lockoutSeconds: number } {
  return {
    maxFailures: Math.max(1, intVar(env.LOGIN_MAX_FAILURES, 5)),
    lockoutSeconds: Math.max(1, intVar(env.LOGIN_LOCKOUT_SECONDS, 900)),
  };
}
