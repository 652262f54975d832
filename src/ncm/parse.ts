import { z } from "zod";

/** The Siscomex NCM JSON ("Nomenclaturas" export) as published by the Receita Federal. */
const SiscomexSchema = z.object({
  Data_Ultima_Atualizacao_NCM: z.string().optional(),
  Ato: z.string().optional(),
  Nomenclaturas: z
    .array(
      z.object({
        Codigo: z.string().min(1),
        Descricao: z.string(),
        Data_Inicio: z.string().optional(),
        Data_Fim: z.string().optional(),
      }),
    )
    .min(1),
});

export interface NcmRow {
  code: string;
  description: string;
  parent: string | null;
  level: number;
  validFrom: string | null;
  validTo: string | null;
}

export interface ParsedNcmTable {
  version: string | null;
  rows: NcmRow[];
}

export class NcmFileError extends Error {
  constructor(
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "NcmFileError";
  }
}

const BR_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** "31/12/2024" → "2024-12-31"; the open-ended "31/12/9999" → null. */
function isoDate(value: string | undefined, field: string, code: string): string | null {
  if (!value) return null;
  const m = value.trim().match(BR_DATE);
  if (!m) throw new NcmFileError(`Invalid ${field} "${value}" for code ${code}.`);
  if (m[3] === "9999") return null;
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/**
 * Validates the whole file before anything is written, so a bad file changes nothing.
 * Codes are stored as digits only; `parent` is the nearest shorter code present in the file.
 */
export function parseNcmTable(json: unknown): ParsedNcmTable {
  const parsed = SiscomexSchema.safeParse(json);
  if (!parsed.success) {
    throw new NcmFileError(
      "The file is not a Siscomex NCM table (expected a non-empty Nomenclaturas array).",
      {
        issues: parsed.error.issues.slice(0, 10),
      },
    );
  }
  const byCode = new Map<string, NcmRow>();
  for (const entry of parsed.data.Nomenclaturas) {
    const code = entry.Codigo.replace(/\./g, "").trim();
    if (!/^\d{2,8}$/.test(code)) throw new NcmFileError(`Invalid NCM code "${entry.Codigo}".`);
    if (byCode.has(code)) throw new NcmFileError(`Duplicate NCM code "${entry.Codigo}".`);
    byCode.set(code, {
      code,
      description: entry.Descricao.trim(),
      parent: null,
      level: code.length,
      validFrom: isoDate(entry.Data_Inicio, "Data_Inicio", code),
      validTo: isoDate(entry.Data_Fim, "Data_Fim", code),
    });
  }
  for (const row of byCode.values()) {
    for (let len = row.code.length - 1; len >= 2; len--) {
      const candidate = row.code.slice(0, len);
      if (byCode.has(candidate)) {
        row.parent = candidate;
        break;
      }
    }
  }
  return { version: parsed.data.Data_Ultima_Atualizacao_NCM ?? null, rows: [...byCode.values()] };
}

/** Reads JSON text (the official file is UTF-8, sometimes with a BOM). */
export function parseNcmText(text: string): ParsedNcmTable {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new NcmFileError(`The NCM file is not valid JSON: ${(err as Error).message}`);
  }
  return parseNcmTable(json);
}
