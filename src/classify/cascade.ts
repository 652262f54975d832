import type { Db } from "../db/client";
import type { ClassificationResult, ItemOutcome } from "../domain/classification";
import type { ClassifyPart } from "../queue/message";
import { MAX_CANDIDATES } from "./ai/prompt";
import { type AiAnswer, type AiProvider, isProviderError, type ProviderError } from "./ai/provider";
import { validNcmCodes } from "./candidates";
import { lookupCatalog } from "./catalog";
import { type Candidate, candidatesFor, offlineAnswer } from "./offline";
import { type CodeRates, cachedRatesFor, validEx } from "./rates";
import { classifyByRules } from "./rules";
import type { Classification } from "./types";

export interface CascadeInput {
  tenantId: string;
  reclassify: boolean;
  parts: ClassifyPart[];
}

export interface CascadeDeps {
  db: Db;
  ai: AiProvider | null;
  /** Rules (and AI) answers at or above this confidence are `classified`; below, they need review. */
  threshold: number;
  /** The catalog entries for these parts when the caller already looked them up (one query per queue batch). */
  catalog?: Map<string, ClassificationResult>;
}

export interface CascadeResult {
  /** Every part decided so far (all of them unless `error` is set). */
  outcomes: ItemOutcome[];
  /** A retryable AI failure: the parts not in `outcomes` must be tried again later. */
  error: ProviderError | null;
}

/** What the offline stages know about one part: its candidates and the evidence on the document. */
interface Known {
  part: ClassifyPart;
  candidates: Candidate[];
  offline: Classification | null;
  /** The maker the part's MPN family names (rules), for answers that do not say one. */
  maker: string | null;
}

const isoCountry = (v: string | null | undefined) => {
  const code = (v ?? "").trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? code : null;
};

/** Candidates as stored with the answer: enough for a reviewer to pick from. */
const stored = (cs: Candidate[]) =>
  cs.map((c) => ({ code: c.code, description: c.description, score: c.score, sources: c.sources }));

function result(
  k: Known,
  c: {
    ncm: string;
    exTipi?: string | null;
    description?: string | null;
    manufacturer?: string | null;
    country?: string | null;
    confidence: number;
    rationale: string;
    source: ClassificationResult["source"];
  },
  rates: Map<string, CodeRates>,
  model: string | null,
): ClassificationResult {
  const r = rates.get(c.ncm);
  const declared = k.part.declaredNcm?.replace(/\D/g, "") || null;
  const disagrees = declared !== null && declared !== c.ncm;
  return {
    ncm: c.ncm,
    // An Ex is kept only when the TIPI has it under this very code.
    exTipi: validEx(r, c.exTipi),
    description: c.description ?? null,
    // The document's manufacturer wins over the answer's, then over the one the MPN family names.
    manufacturer: k.part.manufacturer || c.manufacturer || k.maker || null,
    // Stored as ISO 3166-1 alpha-2: a document's country name is kept only when it is a code.
    country: isoCountry(k.part.country) ?? c.country ?? null,
    confidence: c.confidence,
    rationale: disagrees
      ? `${c.rationale} The document declares NCM ${declared}, which differs.`
      : c.rationale,
    source: c.source,
    model,
    classificationId: null,
    ipiRate: r?.ipiRate ?? null,
    iiRate: r?.iiRate ?? null,
    declaredNcm: declared,
    declaredDisagrees: disagrees,
    candidates: stored(k.candidates),
  };
}

function review(k: Known, rates: Map<string, CodeRates>, why: string): ItemOutcome {
  const guess = k.offline;
  return {
    seq: k.part.seq,
    status: "needs_review",
    reason: why,
    classification: guess
      ? result(k, { ...guess, rationale: `${guess.rationale} (${why})` }, rates, guess.model ?? null)
      : null,
  };
}

/** The cascade's stages before the AI: what they decided, and what the AI is to be asked about. */
export interface PreparedCascade {
  outcomes: ItemOutcome[];
  unsure: Known[];
  rates: Map<string, CodeRates>;
}

/**
 * The stages before the AI for one batch: catalog (the tenant's entry, a human one when a person
 * decided; `reclassify` skips it) → rules and NCM candidates (one query for the batch) → the offline
 * answer where it is confident. A worker loop runs this for its next batch while the current
 * batch's AI call is out, so these Postgres round trips leave the batch's critical path.
 */
export async function prepareCascade(
  input: CascadeInput,
  deps: Pick<CascadeDeps, "db" | "threshold" | "catalog">,
): Promise<PreparedCascade> {
  const { db, threshold } = deps;
  const outcomes: ItemOutcome[] = [];
  // `reclassify` asks the rules and the AI again, even over a human entry; the items listing then
  // shows that human entry beside the new answer (and it stays the catalog entry).
  const catalog = input.reclassify
    ? new Map<string, ClassificationResult>()
    : (deps.catalog ??
      (await lookupCatalog(
        db,
        input.tenantId,
        input.parts.map((p) => p.partnumber),
        { humanOnly: false },
      )));

  const rest: ClassifyPart[] = [];
  for (const part of input.parts) {
    const hit = catalog.get(part.partnumber);
    if (hit) outcomes.push({ seq: part.seq, status: "classified", reason: null, classification: hit });
    else rest.push(part);
  }
  const rates = new Map<string, CodeRates>();
  if (rest.length === 0) return { outcomes, unsure: [], rates };

  const items = rest.map((part) => ({ ...part, rules: classifyByRules(part) }));
  const lists = await candidatesFor(db, items);
  const known: Known[] = items.map((item, i) => {
    const candidates = lists[i] ?? [];
    const offline = offlineAnswer(item, candidates, threshold);
    return { part: item, candidates, offline, maker: item.rules?.manufacturer ?? null };
  });
  const found = await cachedRatesFor(
    db,
    known.flatMap((k) => [
      ...(k.offline ? [k.offline.ncm] : []),
      ...k.candidates.slice(0, MAX_CANDIDATES).map((c) => c.code),
    ]),
  );
  for (const [code, r] of found) rates.set(code, r);

  const unsure: Known[] = [];
  for (const k of known) {
    if (k.offline && k.offline.confidence >= threshold)
      outcomes.push({
        seq: k.part.seq,
        status: "classified",
        reason: null,
        classification: result(k, k.offline, rates, null),
      });
    else unsure.push(k);
  }
  return { outcomes, unsure, rates };
}

/**
 * The classifier cascade for one batch: the stages of prepareCascade (or what it already gave),
 * then the AI provider for what is left, all parts in one call, each with its candidates and their
 * Ex-TIPI lines. Every code is checked against the NCM table in force.
 */
export async function runCascade(
  input: CascadeInput,
  deps: CascadeDeps & { prepared?: PreparedCascade },
): Promise<CascadeResult> {
  const { db, ai, threshold } = deps;
  const prepared = deps.prepared ?? (await prepareCascade(input, deps));
  // A copy: the prepared stages stay as they were should the caller keep them.
  const outcomes = [...prepared.outcomes];
  const { unsure } = prepared;
  const rates = new Map(prepared.rates);
  if (unsure.length === 0) return { outcomes, error: null };

  if (!ai) {
    for (const k of unsure)
      outcomes.push(
        review(
          k,
          rates,
          k.offline
            ? "below the confidence threshold; no AI provider configured"
            : "no candidate found; no AI provider configured",
        ),
      );
    return { outcomes, error: null };
  }

  // One call per provider chunk, so a failing chunk costs only its own parts a retry: the answers of
  // the chunks that succeeded are kept (the redelivery asks only for what is still undecided).
  const size = Math.max(1, ai.maxBatchSize ?? unsure.length);
  const chunks: (typeof unsure)[] = [];
  for (let i = 0; i < unsure.length; i += size) chunks.push(unsure.slice(i, i + size));
  const settled = await Promise.allSettled(
    chunks.map((c) =>
      ai.classify(
        c.map((k) => ({
          id: String(k.part.seq),
          partnumber: k.part.partnumber,
          description: k.part.description,
          manufacturer: k.part.manufacturer,
          candidates: k.candidates.slice(0, MAX_CANDIDATES).map((cand) => ({
            code: cand.code,
            description: cand.description,
            exLines: (rates.get(cand.code)?.exLines ?? []).map((l) => ({
              ex: l.ex,
              description: l.description,
            })),
          })),
        })),
      ),
    ),
  );
  const answers: AiAnswer[] = [];
  const answered: typeof unsure = [];
  let retryable: ProviderError | null = null;
  settled.forEach((r, i) => {
    const chunk = chunks[i]!;
    if (r.status === "fulfilled") {
      answers.push(...r.value);
      answered.push(...chunk);
      return;
    }
    const err = r.reason;
    if (!isProviderError(err)) throw err;
    if (err.retryable) {
      retryable ??= err;
      return;
    }
    // The provider refuses this request for good (bad key, bad model): retrying cannot help.
    for (const k of chunk) outcomes.push(review(k, rates, `AI provider refused the request: ${err.message}`));
  });
  const byId = new Map(answers.map((a) => [a.id, a]));
  const aiValid = await validNcmCodes(
    db,
    answers.map((a) => a.ncm),
  );
  const aiRates = await cachedRatesFor(
    db,
    answers.flatMap((a) => (aiValid.has(a.ncm) && !rates.has(a.ncm) ? [a.ncm] : [])),
  );
  for (const [code, r] of aiRates) rates.set(code, r);
  for (const k of answered) {
    const answer = byId.get(String(k.part.seq));
    if (!answer) {
      outcomes.push(review(k, rates, "the AI provider gave no answer for this part"));
    } else if (!aiValid.has(answer.ncm)) {
      outcomes.push(review(k, rates, `the AI proposed ${answer.ncm}, which is not a valid NCM code`));
    } else {
      const confident = answer.confidence >= threshold;
      outcomes.push({
        seq: k.part.seq,
        status: confident ? "classified" : "needs_review",
        reason: confident ? null : "AI confidence below the threshold",
        classification: result(k, { ...answer, source: "ai" }, rates, ai.model),
      });
    }
  }
  return { outcomes, error: retryable };
}
