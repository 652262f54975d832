import { agrees } from "./labels";

/** What the reach and rules tables read of a scored item. */
export interface Answered {
  hs6: string;
  /** The offline answer's code and stated confidence (null: none). */
  ncm: string | null;
  confidence: number;
  /** The rules engine's own answer and confidence, before the offline answer may replace it. */
  rules: { ncm: string; confidence: number } | null;
}

const f3 = (n: number) => n.toFixed(3);

/**
 * The most items answered at a stated-confidence threshold whose answers are still right at
 * HS-6 at least `target` of the time: how far the stated confidence can be trusted.
 */
export function reach(items: Answered[], target: number): string {
  const answered = items.filter((s) => s.ncm).sort((a, b) => b.confidence - a.confidence);
  let best = { at: Number.NaN, coverage: 0, precision: 0 };
  let ok = 0;
  answered.forEach((s, i) => {
    if (agrees(s.hs6, s.ncm as string, 6)) ok++;
    const next = answered[i + 1];
    if (next && next.confidence === s.confidence) return;
    const precision = ok / (i + 1);
    if (precision >= target && (i + 1) / items.length > best.coverage)
      best = { at: s.confidence, coverage: (i + 1) / items.length, precision };
  });
  return Number.isNaN(best.at)
    ? `reach at hs6>=${target}: none (no threshold keeps precision there)`
    : `reach at hs6>=${target}: coverage=${f3(best.coverage)} hs6=${f3(best.precision)} at confidence>=${best.at}`;
}

/** The rules engine's stated confidence against measured HS-6 precision, whether or not it was kept. */
export function rulesReliability(items: Answered[]): string[] {
  const lines = [
    "rules reliability (rules' stated confidence -> measured HS-6 precision, all rules answers):",
  ];
  for (let lo = 0; lo < 1; lo += 0.1) {
    const bin = items.filter((s) => {
      const c = s.rules?.confidence ?? -1;
      return c >= lo && (c < lo + 0.1 || lo >= 0.9);
    });
    if (bin.length === 0) continue;
    const p = bin.filter((s) => agrees(s.hs6, (s.rules as { ncm: string }).ncm, 6)).length / bin.length;
    lines.push(
      `  [${lo.toFixed(1)}, ${(lo + 0.1).toFixed(1)})  n=${String(bin.length).padStart(4)}  hs6=${f3(p)}`,
    );
  }
  return lines;
}
