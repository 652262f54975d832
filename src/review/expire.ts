import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "../db/schema";

// Any drizzle Postgres database: the Neon driver in the Worker, node-postgres in scripts.
type AnyPgDb = PgDatabase<PgQueryResultHKT, typeof schema>;
type SqlRunner = Pick<AnyPgDb, "execute">;

const rows = async <T>(db: SqlRunner, query: SQL) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

const outOfForce = (code: SQL) =>
  sql`not exists (select 1 from ncm n where n.code = ${code} and (n.valid_to is null or n.valid_to >= current_date))`;

export interface ExpiryResult {
  /** Catalog entries retired (status `rejected`, note `ncm_expired`): later jobs no longer reuse them. */
  classifications: number;
  /** Classified items sent back to `needs_review` with reason `ncm_expired`. */
  items: number;
  jobs: number;
  /** The items per job, so each job's actor can be told (src/review/expire-actors.ts). */
  touched: ExpiredJob[];
}

export interface ExpiredJob {
  jobId: string;
  seqs: number[];
}

/**
 * After an NCM sync: every classification that points to a code no longer in force. The catalog
 * entry is retired so no later job reuses it, and each item classified with it goes back to
 * review (reason `ncm_expired`, its old answer kept for the reviewer), its job's counts with it.
 * Everything runs in one transaction; a second run finds nothing.
 */
export async function expireOutOfForce(db: AnyPgDb): Promise<ExpiryResult> {
  return db.transaction(async (tx) => {
    const retired = await rows<{ id: string }>(
      tx,
      sql`
      update classifications c set status = 'rejected', reviewed_by = 'system:ncm-sync', reviewed_at = now(),
        note = 'ncm_expired: ' || c.ncm || ' is no longer in the NCM table in force', updated_at = now()
      where c.status = 'active' and ${outOfForce(sql`c.ncm`)}
      returning c.id`,
    );
    const items = await rows<{ job_id: string; tenant_id: string; seq: number }>(
      tx,
      sql`
      update job_items ji set status = 'needs_review', reason = 'ncm_expired', classification_id = null, updated_at = now()
      where ji.status = 'classified' and ji.ncm is not null and ${outOfForce(sql`ji.ncm`)}
      returning ji.job_id, ji.tenant_id, ji.seq`,
    );
    const perJob = new Map<string, { tenantId: string; n: number; seqs: number[] }>();
    for (const r of items) {
      const j = perJob.get(r.job_id) ?? { tenantId: r.tenant_id, n: 0, seqs: [] };
      j.n++;
      j.seqs.push(Number(r.seq));
      perJob.set(r.job_id, j);
    }
    if (perJob.size > 0) {
      const payload = JSON.stringify([...perJob].map(([id, j]) => ({ id, tenant_id: j.tenantId, n: j.n })));
      await tx.execute(sql`
        update jobs j set classified = greatest(0, j.classified - x.n), needs_review = j.needs_review + x.n,
          updated_at = now()
        from jsonb_to_recordset(${payload}::jsonb) as x(id uuid, tenant_id uuid, n int)
        where j.id = x.id and j.tenant_id = x.tenant_id`);
    }
    return {
      classifications: retired.length,
      items: items.length,
      jobs: perJob.size,
      touched: [...perJob].map(([jobId, j]) => ({ jobId, seqs: j.seqs.sort((a, b) => a - b) })),
    };
  });
}
