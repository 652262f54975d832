import { and, eq, sql } from "drizzle-orm";
import { actorOf, recordAudit } from "../auth/audit";
import type { AuthContext } from "../auth/types";
import { decidedRates, ratesFor } from "../classify/rates";
import type { Db } from "../db/client";
import { classifications, jobItems, jobs } from "../db/schema";
import type { ClassificationResult } from "../domain/classification";
import { toClassificationValues } from "../domain/classification-pg";
import type { ItemView } from "../domain/item";
import { answerColumns, itemClassificationOf, type JobItemRowPg, toItemView } from "../domain/item-pg";
import { ApiError, notFound } from "../lib/errors";
import type { ReviewAction, ReviewDecision } from "../shared/frames";
import { type ItemStatus, isFinalStatus, parseItemId } from "../shared/jobs";
import { decidedCode } from "./decision-codes";

export { normalizeNcm } from "./decision-codes";

export interface DecisionInput {
  action: ReviewAction;
  /** Override: the reviewer's code (8 digits, dots allowed). */
  ncm?: string | undefined;
  exTipi?: string | undefined;
  description?: string | undefined;
  note?: string | undefined;
  /**
   * The classification the reviewer saw (null: none). Another decision since then is a 409. Absent:
   * the item as read at the start of the request, so of two concurrent decisions one wins.
   */
  expectedClassificationId?: string | null | undefined;
}

/** What the actor and the response need once the decision is committed. */
export interface DecisionOutcome {
  jobId: string;
  seq: number;
  jobFinal: boolean;
  item: ItemView;
  decision: ReviewDecision;
  next: { status: ItemStatus; reason: string | null; classification: ClassificationResult | null };
}

export const principalOf = (auth: AuthContext) => `${auth.principal.type}:${auth.principal.id}`;

const REVIEWABLE: readonly ItemStatus[] = ["classified", "needs_review", "failed"];

const COUNT_COLUMN: Partial<Record<ItemStatus, string>> = {
  classified: "classified",
  needs_review: "needs_review",
  failed: "failed",
};

async function readItem(db: Db, tenantId: string, jobId: string, seq: number): Promise<JobItemRowPg | null> {
  const [row] = await db
    .select()
    .from(jobItems)
    .where(and(eq(jobItems.tenantId, tenantId), eq(jobItems.jobId, jobId), eq(jobItems.seq, seq)))
    .limit(1);
  return row ?? null;
}

/**
 * One reviewer decision on one item, in one transaction: the item row is locked and checked against
 * what the reviewer saw (409 when someone decided first); the previous classification becomes
 * `replaced` (accept, override) or `rejected`; accept/override store a `human` classification that
 * becomes the tenant's catalog entry; the item, the job's counts and the audit log change with it.
 */
export async function decideItem(
  db: Db,
  auth: AuthContext,
  id: string,
  input: DecisionInput,
): Promise<DecisionOutcome> {
  const ref = parseItemId(id);
  if (!ref) throw notFound("item");
  const { tenantId } = auth;
  const seen = await readItem(db, tenantId, ref.jobId, ref.seq);
  if (!seen) throw notFound("item");
  if (!REVIEWABLE.includes(seen.status)) {
    throw new ApiError(409, "not_reviewable", `An item that is ${seen.status} cannot be reviewed.`, {
      status: seen.status,
    });
  }
  const { code, exTipi } = await decidedCode(db, seen, input);
  // The rates belong to the decided code (and Ex), not to the job's answer the reviewer replaced.
  const rates = code ? (await ratesFor(db, [code])).get(code) : undefined;
  const expected =
    input.expectedClassificationId !== undefined ? input.expectedClassificationId : seen.classificationId;
  const by = principalOf(auth);
  const note = input.note?.trim() || null;

  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(jobItems)
      .where(and(eq(jobItems.tenantId, tenantId), eq(jobItems.jobId, ref.jobId), eq(jobItems.seq, ref.seq)))
      .for("update");
    if (!row) throw notFound("item");
    const changed =
      row.classificationId !== expected ||
      (input.expectedClassificationId === undefined && (row.status !== seen.status || row.ncm !== seen.ncm));
    if (changed) {
      throw new ApiError(
        409,
        "review_conflict",
        "The item was decided by someone else since you read it; reload it and decide again.",
        { item: toItemView(row) },
      );
    }
    const [job] = await tx
      .select({ status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, ref.jobId)));
    const now = new Date().toISOString();

    const pn = await tx.execute<{ id: string }>(sql`
      insert into partnumbers (tenant_id, mpn, manufacturer, description)
      values (${tenantId}::uuid, ${row.partnumber}, ${row.manufacturer}, ${row.description})
      on conflict (tenant_id, mpn) do update set
        manufacturer = coalesce(partnumbers.manufacturer, excluded.manufacturer),
        description = coalesce(partnumbers.description, excluded.description),
        updated_at = now()
      returning id`);
    const partnumberId = pn.rows[0]!.id;
    const retired = input.action === "reject" ? "rejected" : "replaced";

    // The item's current answer is history from now on; a needs_review guess never had a row of its
    // own, so it gets one (status already retired, dated when the job produced it) and the part
    // number's history shows it.
    if (row.ncm && !row.classificationId) {
      await tx.insert(classifications).values({
        tenantId,
        partnumberId,
        ...toClassificationValues({
          ncm: row.ncm,
          exTipi: row.exTipi,
          description: row.classDescription,
          manufacturer: row.classManufacturer,
          country: row.country,
          confidence: row.confidence ?? 0,
          rationale: row.rationale ?? "",
          source: row.source ?? "rules",
          model: null,
        }),
        status: retired,
        jobId: row.jobId,
        createdBy: `job:${row.jobId}`,
        createdAt: row.updatedAt,
        reviewedBy: by,
        reviewedAt: new Date(now),
        note,
      });
    } else if (row.classificationId) {
      await tx.execute(sql`
        update classifications set status = ${retired}::classification_status, reviewed_by = ${by},
          reviewed_at = ${now}::timestamptz, note = ${note}, updated_at = now()
        where id = ${row.classificationId}::uuid and tenant_id = ${tenantId}::uuid and status = 'active'`);
    }

    let humanId: string | null = null;
    let next: DecisionOutcome["next"];
    if (code) {
      // The human answer becomes the catalog entry: whatever else is active for the part retires.
      await tx.execute(sql`
        update classifications set status = 'replaced', reviewed_by = ${by}, reviewed_at = ${now}::timestamptz,
          updated_at = now()
        where tenant_id = ${tenantId}::uuid and partnumber_id = ${partnumberId}::uuid and status = 'active'`);
      const prev = itemClassificationOf(row);
      const keep = input.action === "accept" || prev?.ncm === code;
      const ex = exTipi ?? (keep ? (prev?.exTipi ?? null) : null);
      const classification: ClassificationResult = {
        ncm: code,
        exTipi: ex,
        description: input.description?.trim() || (keep ? prev?.description : null) || row.description,
        manufacturer: prev?.manufacturer ?? row.manufacturer,
        country: prev?.country ?? null,
        confidence: 1,
        rationale:
          (input.action === "accept" ? "Confirmed by a reviewer" : "Set by a reviewer") +
          (note ? `: ${note}` : "."),
        source: "human",
        model: null,
        classificationId: null,
        ...decidedRates(rates, ex),
      };
      const [inserted] = await tx
        .insert(classifications)
        .values({
          tenantId,
          partnumberId,
          ...toClassificationValues(classification),
          status: "active",
          jobId: row.jobId,
          createdBy: by,
          note,
        })
        .returning({ id: classifications.id });
      humanId = inserted!.id;
      classification.classificationId = humanId;
      next = { status: "classified", reason: null, classification };
    } else {
      next = {
        status: "needs_review",
        reason: note ? `rejected by a reviewer: ${note}` : "rejected by a reviewer",
        classification: null,
      };
    }

    // The candidates of the job's answer stay on the row (a reviewer may decide again from them);
    // the rates are the decided code's (none after a reject).
    const { candidates: _candidates, ...answer } = answerColumns(
      next.classification,
      row.declaredNcm,
      humanId,
    );
    const [updated] = await tx
      .update(jobItems)
      .set({
        status: next.status,
        reason: next.reason,
        ...answer,
        updatedAt: sql`now()`,
      })
      .where(and(eq(jobItems.jobId, row.jobId), eq(jobItems.seq, row.seq)))
      .returning();

    const from = COUNT_COLUMN[row.status];
    const to = COUNT_COLUMN[next.status];
    if (from && to && from !== to) {
      await tx.execute(sql`
        update jobs set ${sql.identifier(from)} = greatest(0, ${sql.identifier(from)} - 1),
          ${sql.identifier(to)} = ${sql.identifier(to)} + 1, updated_at = now()
        where id = ${row.jobId}::uuid and tenant_id = ${tenantId}::uuid`);
    }

    await recordAudit(tx, {
      tenantId,
      actor: actorOf(auth),
      action: `review.${input.action}`,
      target: { type: "item", id },
      details: {
        jobId: row.jobId,
        seq: row.seq,
        partnumber: row.partnumber,
        previous: itemClassificationOf(row),
        previousClassificationId: row.classificationId,
        classificationId: humanId,
        ncm: code,
        note,
      },
    });

    return {
      jobId: row.jobId,
      seq: row.seq,
      jobFinal: job ? isFinalStatus(job.status) : true,
      item: toItemView(updated!),
      decision: { action: input.action, classificationId: humanId, by, at: now, note },
      next,
    };
  });
}
