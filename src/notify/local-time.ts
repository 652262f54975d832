/** Calendar arithmetic in a tenant's IANA time zone, with Intl (no time-zone table of our own). */

export const DEFAULT_TIME_ZONE = "America/Sao_Paulo";

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function parts(at: Date, timeZone: string): Parts {
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** The local calendar date (YYYY-MM-DD) and hour at `at`. */
export function localDateHour(at: Date, timeZone: string): { date: string; hour: number } {
  const p = parts(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, hour: p.hour };
}

function offsetMs(at: Date, timeZone: string): number {
  const p = parts(at, timeZone);
  return (
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000
  );
}

/** The instant at which it is `hour`:00 on `date` in the time zone. */
export function zonedInstant(date: string, hour: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hour);
  let utc = naive - offsetMs(new Date(naive), timeZone);
  // Once more with the offset at the candidate instant (a DST change between the two).
  utc = naive - offsetMs(new Date(utc), timeZone);
  return new Date(utc);
}
