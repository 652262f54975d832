/**
 * Which webhook URLs partwise will call. In production a target must be https on a public name or
 * address: private, loopback, link-local and other internal ranges are refused, so a webhook cannot
 * be used to reach the provider's own network. `WEBHOOK_ALLOW_PRIVATE=true` (set by `npm run dev` and
 * the tests) lifts that, so a local receiver works.
 */
export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

const PRIVATE_V4: Array<[number, number]> = [
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local (cloud metadata)
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // 192.0.0/24
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 3], // multicast and reserved
];

function ipv4(host: string): number | null {
  const m = host.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function privateV4(n: number): boolean {
  return PRIVATE_V4.some(([net, bits]) => n >>> (32 - bits) === net >>> (32 - bits));
}

function privateV6(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "::" || h === "::1") return true;
  // IPv4-mapped (::ffff:a.b.c.d, or the hex form the URL parser writes).
  const mapped = h.match(/^::ffff:(.+)$/);
  if (mapped) {
    const dotted = ipv4(mapped[1]!);
    if (dotted !== null) return privateV4(dotted);
    const hex = mapped[1]!.match(/^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
    if (hex) return privateV4(((Number.parseInt(hex[1]!, 16) << 16) | Number.parseInt(hex[2]!, 16)) >>> 0);
  }
  return /^f[cd]/.test(h) || /^fe[89ab]/.test(h) || /^ff/.test(h);
}

const INTERNAL_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa)$/i;

export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/\.$/, "");
  if (host.startsWith("[")) return privateV6(host);
  const v4 = ipv4(host);
  if (v4 !== null) return privateV4(v4);
  // A bare name ("intranet", "db") resolves only inside some network.
  return !host.includes(".") || INTERNAL_NAME.test(host);
}

export function checkTarget(raw: string, allowPrivate: boolean): TargetCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a valid URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "must be http(s)" };
  if (url.username || url.password) return { ok: false, reason: "must not carry credentials" };
  if (allowPrivate) return { ok: true, url };
  if (url.protocol !== "https:") return { ok: false, reason: "must be https" };
  if (isPrivateHost(url.hostname)) return { ok: false, reason: "private and loopback addresses are refused" };
  return { ok: true, url };
}

export const allowPrivateTargets = (env: { WEBHOOK_ALLOW_PRIVATE?: string }) =>
  env.WEBHOOK_ALLOW_PRIVATE?.trim().toLowerCase() === "true";
