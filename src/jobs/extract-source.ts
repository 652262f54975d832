import { extractDocument } from "../extract";
import { ExtractionError } from "../extract/types";
import type { JobError, JobOptions, JobSource } from "../shared/jobs";
import { buildItems, type NewItem } from "./normalize";

export type SourceOutcome = { items: NewItem[] } | { failure: JobError };

/**
 * Reads an uploaded document from R2 and turns it into job items. A document that cannot yield
 * items (corrupt, encrypted, no text layer, no part numbers, too many) is a `failure` that ends the
 * job; an R2 outage throws, so the caller's alarm retries.
 */
export async function itemsFromSource(
  files: R2Bucket,
  source: JobSource,
  options: JobOptions,
  maxItems: number,
): Promise<SourceOutcome> {
  const object = await files.get(source.key);
  if (!object)
    return { failure: { code: "source_missing", message: "The uploaded document is no longer stored." } };
  let items: NewItem[];
  try {
    const bytes = new Uint8Array(await object.arrayBuffer());
    const result = await extractDocument(
      bytes,
      source.type,
      options.sheet === undefined ? {} : { sheet: options.sheet },
    );
    items = buildItems(
      result.items.map((it) => ({
        partnumber: it.partnumber,
        description: it.description ?? null,
        manufacturer: it.manufacturer ?? null,
        quantity: it.quantity ?? null,
        ...(it.page === undefined ? {} : { page: it.page }),
        ...(it.line === undefined ? {} : { line: it.line }),
      })),
    );
  } catch (err) {
    if (!(err instanceof ExtractionError)) throw err;
    return { failure: { code: err.code, message: err.message } };
  }
  if (items.length > maxItems) {
    return {
      failure: {
        code: "too_many_items",
        message: `The document has ${items.length} part numbers; a job takes at most ${maxItems}.`,
      },
    };
  }
  return { items };
}
