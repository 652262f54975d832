/**
 * Parsers for the two official rate tables, from the rows of their XLSX sheets (cells as stored):
 * the TIPI (Receita Federal: IPI per NCM and per Ex-TIPI line) and the TEC workbook (MDIC/Gecex
 * Anexos I-X: the import duty). Both validate the whole file before anything is written.
 */

export class RateFileError extends Error {
  constructor(
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "RateFileError";
  }
}

export interface TipiRow {
  ncm: string;
  /** "" for the NCM's own rate, else the Ex number as two digits ("01"). */
  ex: string;
  description: string;
  /** Percent, 2 decimals; null when not taxed (NT). */
  ipiRate: number | null;
  notTaxed: boolean;
}

export interface TecRow {
  ncm: string;
  tecRate: number;
  iiRate: number;
  regime: "BK" | "BIT" | null;
  appliedFrom: "anexo_i" | "anexo_ii";
}

const EIGHT_DIGITS = /^\d{4}\.?\d{2}\.?\d{2}$/;
const digits = (s: string) => s.replace(/\D/g, "");
/** Spreadsheet floats carry binary artefacts (3.9000000000000004): rates have two decimals. */
const round2 = (n: number) => Math.round(n * 100) / 100;
const clean = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

function headerIndex(rows: string[][], test: (cells: string[]) => boolean, what: string): number {
  const i = rows.findIndex((r) => test(r.map((c) => clean(c).toUpperCase())));
  if (i < 0) throw new RateFileError(`No ${what} header row found.`);
  return i;
}

/** "1", "01", "Ex 01", "'Ex 01'" → "01". */
function exNumber(raw: string, rowNo: number): string {
  const n = digits(raw);
  if (!n || n.length > 3) throw new RateFileError(`Row ${rowNo}: unreadable Ex number "${raw}".`);
  return n.padStart(2, "0");
}

function rate(raw: string, rowNo: number): { rate: number | null; nt: boolean } {
  const v = clean(raw).toUpperCase();
  if (v === "NT") return { rate: null, nt: true };
  const n = Number(v.replace(",", "."));
  if (v === "" || !Number.isFinite(n) || n < 0 || n > 1000)
    throw new RateFileError(`Row ${rowNo}: unreadable rate "${raw}".`);
  return { rate: round2(n), nt: false };
}

/**
 * The TIPI sheet ("NCM | EX | DESCRIÇÃO | ALÍQUOTA (%)"). Ex rows with an empty NCM belong to the
 * NCM above; an 8-digit row with no rate is a sub-heading in disguise and is skipped.
 */
export function parseTipi(rows: string[][]): TipiRow[] {
  const h = headerIndex(rows, (c) => c[0] === "NCM" && c[1] === "EX", "TIPI (NCM | EX | ...)");
  const out: TipiRow[] = [];
  const seen = new Set<string>();
  let current: string | null = null;
  for (let i = h + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    const [a = "", b = "", c = "", d = ""] = r.map((x) => clean(x));
    if (!a && !b) continue;
    if (a && !EIGHT_DIGITS.test(a)) {
      current = null; // a heading or sub-heading row: an Ex below it needs its own NCM
      continue;
    }
    const ncm: string | null = a ? digits(a) : current;
    if (!ncm) throw new RateFileError(`Row ${i + 1}: Ex line without an NCM above it.`);
    if (!b) current = ncm;
    if (!d) continue;
    const ex = b ? exNumber(b, i + 1) : "";
    const key = `${ncm}/${ex}`;
    if (seen.has(key)) throw new RateFileError(`Row ${i + 1}: duplicate TIPI line ${key}.`);
    seen.add(key);
    const { rate: ipiRate, nt } = rate(d, i + 1);
    out.push({ ncm, ex, description: c.replace(/^-+\s*/, ""), ipiRate, notTaxed: nt });
  }
  if (out.filter((r) => r.ex === "").length < 1) throw new RateFileError("The TIPI sheet has no NCM rows.");
  return out;
}

const TEC_RATE = /^(\d+(?:[.,]\d+)?)\s*(BK|BIT)?$/;

function tecRate(raw: string, rowNo: number): { rate: number; regime: "BK" | "BIT" | null } | null {
  const v = clean(raw).toUpperCase();
  if (!v) return null;
  const m = TEC_RATE.exec(v);
  if (!m) return null; // a legal note in the rate column ("Resolução Gecex nº ...")
  const n = Number((m[1] as string).replace(",", "."));
  if (n > 1000) throw new RateFileError(`Row ${rowNo}: unreadable TEC rate "${raw}".`);
  return { rate: round2(n), regime: (m[2] as "BK" | "BIT" | undefined) ?? null };
}

/**
 * Anexo I (the TEC for every NCM) and Anexo II (the rates Brazil applies where they differ).
 * The temporary exceptions of Anexos IV-X (quotas, validity dates) are not applied here.
 */
export function parseTec(sheets: { name: string; rows: string[][] }[]): TecRow[] {
  const anexo = (re: RegExp) => sheets.find((s) => re.test(s.name));
  const one = anexo(/^anexo i\b(?!i)/i);
  const two = anexo(/^anexo ii\b/i);
  if (!one) throw new RateFileError('The workbook has no "Anexo I" sheet.');
  const tec = new Map<string, { rate: number; regime: "BK" | "BIT" | null }>();
  one.rows.forEach((r, i) => {
    const a = clean(r[0]);
    if (!EIGHT_DIGITS.test(a)) return;
    const t = tecRate(r[2] ?? "", i + 1);
    if (t) tec.set(digits(a), t);
  });
  if (tec.size === 0) throw new RateFileError("Anexo I has no NCM rows with a TEC rate.");
  const applied = new Map<string, number>();
  if (two) {
    const h = headerIndex(
      two.rows,
      (c) => c[0] === "NCM" && c.some((x) => x.startsWith("ALÍQUOTA APLICADA")),
      "Anexo II",
    );
    const col = (two.rows[h] ?? []).findIndex((x) => clean(x).toUpperCase().startsWith("ALÍQUOTA APLICADA"));
    two.rows.slice(h + 1).forEach((r, k) => {
      const a = clean(r[0]);
      if (!EIGHT_DIGITS.test(a)) return;
      const t = tecRate(r[col] ?? "", h + k + 2);
      if (t) applied.set(digits(a), t.rate);
    });
  }
  return [...tec.entries()].map(([ncm, t]) => {
    const ii = applied.get(ncm);
    return {
      ncm,
      tecRate: t.rate,
      iiRate: ii ?? t.rate,
      regime: t.regime,
      appliedFrom: ii === undefined ? "anexo_i" : "anexo_ii",
    };
  });
}
