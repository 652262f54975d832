import type { Db } from "../db/client";
import type { ClassificationResult, ClassifyPart, ItemOutcome } from "../queue/message";
import { type AiAnswer, type AiProvider, isProviderError, type ProviderError } from "./ai/provider";
import { candidatesByHeading, validNcmCodes } from "./candidates";
import { lookupCatalog } from "./catalog";
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

function fromClassification(
  c: Classification,
  overrides: Partial<ClassificationResult> = {},
): ClassificationResult {
  return {
    ncm: c.ncm,
    exTipi: c.exTipi ?? null,
    description: c.description ?? null,
    manufacturer: c.manufacturer ?? null,
    country: c.country ?? null,
    confidence: c.confidence,
    rationale: c.rationale,
    source: c.source,
    model: c.model ?? null,
    classificationId: null,
    ...overrides,
  };
}

function fromAnswer(a: AiAnswer, model: string): ClassificationResult {
  return {
    ncm: a.ncm,
    exTipi: a.exTipi ?? null,
    description: a.description ?? null,
    manufacturer: a.manufacturer ?? null,
    country: a.country ?? null,
    confidence: a.confidence,
    rationale: a.rationale,
    source: "ai",
    model,
    classificationId: null,
  };
}

/** An item nobody could classify confidently: it goes to review with the best guess, if any. */
function review(seq: number, guess: Classification | null, why: string): ItemOutcome {
  return {
    seq,
    status: "needs_review",
    reason: why,
    classification: guess ? fromClassification(guess, { rationale: `${guess.rationale} (${why})` }) : null,
  };
}

/**
 * The classifier cascade for one batch: catalog (the tenant's entry, a human one when a person
 * decided; `reclassify` skips it) → rules → AI provider for what is left, all parts in one call. Every code
 * is checked against the NCM table: an unknown code is never a valid classification.
 */
export async function runCascade(input: CascadeInput, deps: CascadeDeps): Promise<CascadeResult> {
  const { db, ai, threshold } = deps;
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

  const guesses = new Map<number, Classification | null>();
  const rest: ClassifyPart[] = [];
  for (const part of input.parts) {
    const hit = catalog.get(part.partnumber);
    if (hit) {
      outcomes.push({ seq: part.seq, status: "classified", reason: null, classification: hit });
      continue;
    }
    guesses.set(part.seq, classifyByRules(part));
    rest.push(part);
  }
  const valid = await validNcmCodes(
    db,
    [...guesses.values()].flatMap((g) => (g ? [g.ncm] : [])),
  );
  const unsure: ClassifyPart[] = [];
  for (const part of rest) {
    const guess = guesses.get(part.seq) ?? null;
    if (guess && guess.confidence >= threshold && valid.has(guess.ncm)) {
      outcomes.push({
        seq: part.seq,
        status: "classified",
        reason: null,
        classification: fromClassification(guess),
      });
    } else {
      // A rules code missing from the NCM table is still worth showing a reviewer, but never as valid.
      if (guess && !valid.has(guess.ncm))
        guesses.set(part.seq, { ...guess, confidence: Math.min(guess.confidence, threshold / 2) });
      unsure.push(part);
    }
  }
  if (unsure.length === 0) return { outcomes, error: null };

  if (!ai) {
    for (const p of unsure) {
      const guess = guesses.get(p.seq) ?? null;
      outcomes.push(
        review(
          p.seq,
          guess,
          guess
            ? "below the rules confidence threshold; no AI provider configured"
            : "no rule matched; no AI provider configured",
        ),
      );
    }
    return { outcomes, error: null };
  }

  const headingOf = (seq: number) => guesses.get(seq)?.ncm.slice(0, 4) ?? null;
  const candidates = await candidatesByHeading(
    db,
    unsure.flatMap((p) => headingOf(p.seq) ?? []),
  );
  let answers: AiAnswer[];
  try {
    answers = await ai.classify(
      unsure.map((p) => ({
        id: String(p.seq),
        partnumber: p.partnumber,
        description: p.description,
        manufacturer: p.manufacturer,
        candidates: candidates.get(headingOf(p.seq) ?? "") ?? [],
      })),
    );
  } catch (err) {
    if (isProviderError(err) && err.retryable) return { outcomes, error: err };
    if (!isProviderError(err)) throw err;
    // The provider refuses this request for good (bad key, bad model): retrying cannot help.
    for (const p of unsure)
      outcomes.push(
        review(p.seq, guesses.get(p.seq) ?? null, `AI provider refused the request: ${err.message}`),
      );
    return { outcomes, error: null };
  }

  const byId = new Map(answers.map((a) => [a.id, a]));
  const aiValid = await validNcmCodes(
    db,
    answers.map((a) => a.ncm),
  );
  for (const p of unsure) {
    const guess = guesses.get(p.seq) ?? null;
    const answer = byId.get(String(p.seq));
    if (!answer) {
      outcomes.push(review(p.seq, guess, "the AI provider gave no answer for this part"));
    } else if (!aiValid.has(answer.ncm)) {
      outcomes.push(review(p.seq, guess, `the AI proposed ${answer.ncm}, which is not a valid NCM code`));
    } else {
      const confident = answer.confidence >= threshold;
      outcomes.push({
        seq: p.seq,
        status: confident ? "classified" : "needs_review",
        reason: confident ? null : "AI confidence below the threshold",
        classification: fromAnswer(answer, ai.model),
      });
    }
  }
  return { outcomes, error: null };
}
