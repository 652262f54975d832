/**
 * Worker bindings: generated from wrangler.toml (worker-configuration.d.ts) plus secrets, plus the
 * optional Workers AI and send_email ("MAIL") bindings (declared only in deployments that use them).
 */
export type Bindings = Cloudflare.Env & { AI?: Ai; MAIL?: SendEmail };

export function intVar(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) ? n : fallback;
}

export function floatVar(value: string | undefined, fallback: number): number {
  const n = Number.parseFloat(value ?? "");
  return Number.isFinite(n) ? n : fallback;
}
