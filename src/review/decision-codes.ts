import { sql } from "drizzle-orm";
import { validNcmCodes } from "../classify/candidates";
import { rowsOf, type SqlRunner } from "../classify/ncm-search";
import { normalizeEx, ratesFor, validEx } from "../classify/rates";
import type { Db } from "../db/client";
import type { JobItemRowPg } from "../domain/item-pg";
import { ApiError } from "../lib/errors";
import type { ReviewAction } from "../shared/frames";

/** "8542.31.90" → "85423190"; anything else is returned as typed, and fails validation. */
export const normalizeNcm = (code: string) => code.replace(/[.\s-]/g, "");

/** True once a TIPI has been synced: before that no Ex-TIPI can be checked, so none is accepted. */
export async function tipiLoaded(db: SqlRunner): Promise<boolean> {
  const rows = await rowsOf<{ loaded: boolean }>(db, sql`select exists (select 1 from tipi) as loaded`);
  return rows[0]?.loaded === true;
}

/**
 * Which (NCM, Ex) pairs the TIPI holds, each Ex normalised as the TIPI prints it ("1", "001",
 * "Ex 01" → "01"): the checked Ex, or the reason it is refused. One query for any number of pairs.
 */
export async function checkExTipi(
  db: SqlRunner,
  pairs: { ncm: string; ex: string }[],
): Promise<{ ex: string | null; reason: string | null; code: string | null }[]> {
  if (pairs.length === 0) return [];
  const loaded = await tipiLoaded(db);
  const rates = loaded
    ? await ratesFor(
        db,
        pairs.map((p) => p.ncm),
      )
    : new Map();
  return pairs.map(({ ncm, ex }) => {
    const n = normalizeEx(ex);
    if (!n) return { ex: null, code: "ex_tipi_invalid", reason: `"${ex}" is not an Ex-TIPI number` };
    if (!loaded)
      return {
        ex: null,
        code: "tipi_not_loaded",
        reason: "the Ex-TIPI cannot be checked: no TIPI is loaded",
      };
    const ok = validEx(rates.get(ncm), n);
    return ok
      ? { ex: ok, code: null, reason: null }
      : { ex: null, code: "ex_tipi_unknown", reason: `Ex ${n} does not exist under NCM ${ncm} in the TIPI` };
  });
}

export interface DecisionCodeInput {
  action: ReviewAction;
  ncm?: string | undefined;
  exTipi?: string | undefined;
}

/**
 * The code (and Ex-TIPI) a decision stores, checked before the transaction: the NCM against the
 * table in force, the Ex against the TIPI under that code. `exTipi` undefined: the decision names none.
 */
export async function decidedCode(
  db: Db,
  item: Pick<JobItemRowPg, "ncm">,
  input: DecisionCodeInput,
): Promise<{ code: string | null; exTipi: string | undefined }> {
  const ex = input.exTipi?.trim() || undefined;
  if (input.action === "reject") {
    if (!item.ncm) throw new ApiError(422, "nothing_to_reject", "The item has no classification to reject.");
    if (ex) throw new ApiError(422, "ex_tipi_without_code", "A reject stores no code, so no Ex-TIPI either.");
    return { code: null, exTipi: undefined };
  }
  const code = input.action === "override" ? normalizeNcm(input.ncm ?? "") : item.ncm;
  if (!code) {
    throw new ApiError(
      422,
      "nothing_to_accept",
      "The item has no classification to accept; send an override with an NCM code.",
    );
  }
  if (!/^\d{8}$/.test(code) || !(await validNcmCodes(db, [code])).has(code)) {
    throw new ApiError(422, "ncm_not_in_force", `${code} is not an NCM code in force.`, { ncm: code });
  }
  if (!ex) return { code, exTipi: undefined };
  const [checked] = await checkExTipi(db, [{ ncm: code, ex }]);
  if (!checked?.ex) {
    throw new ApiError(422, checked?.code ?? "ex_tipi_unknown", `${checked?.reason ?? "unknown Ex-TIPI"}.`, {
      ncm: code,
      exTipi: ex,
    });
  }
  return { code, exTipi: checked.ex };
}
