/** What the cascade knows about one part when it asks a classifier. */
export interface PartInput {
  /** Normalized manufacturer part number (trimmed, spaces collapsed, uppercased where safe). */
  partnumber: string;
  description?: string | null;
  manufacturer?: string | null;
}

export type ClassificationSource = "catalog" | "rules" | "ai" | "human";

/** One classifier's answer for one part. `ncm` is 8 digits, no dots. */
export interface Classification {
  ncm: string;
  exTipi?: string | null;
  description?: string | null;
  manufacturer?: string | null;
  country?: string | null;
  /** 0..1 */
  confidence: number;
  rationale: string;
  source: ClassificationSource;
  model?: string | null;
  /** Rules only: the kinds of evidence behind the code ("family", "keyword", "manufacturer"). */
  basis?: string[];
}
