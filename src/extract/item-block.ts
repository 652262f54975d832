import KINDS from "./data/document-kinds.json";
import { normalizeHeader } from "./header-vocabulary";
import { type Line, lineCells } from "./layout";
import type { DocumentKind } from "./types";

type Sections = { open: string[]; close: string[] };
const SECTIONS = KINDS.item_sections as Partial<Record<DocumentKind, Sections>>;

const startsSection = (line: Line, phrases: string[]) =>
  lineCells(line).some((c) => {
    const h = normalizeHeader(c.text);
    return phrases.some((p) => h.startsWith(p));
  });

/**
 * The lines of a page that hold a form's line items ([from, to)). Forms of a fixed layout print
 * their items in one block between known headings (a DANFE's "DADOS DO PRODUTO / SERVIÇO" up to
 * "CÁLCULO DO ISSQN" / "DADOS ADICIONAIS"); the other blocks hold plates, keys, registrations and
 * free notes, whose codes are not parts. Kinds without such sections, and pages without the
 * opening heading, are read whole.
 */
export function itemBlock(lines: Line[], kind: DocumentKind): { from: number; to: number } {
  const sections = SECTIONS[kind];
  const whole = { from: 0, to: lines.length };
  if (!sections) return whole;
  const from = lines.findIndex((l) => startsSection(l, sections.open));
  if (from < 0) return whole;
  let to = lines.length;
  for (let j = from + 1; j < lines.length; j++)
    if (startsSection(lines[j]!, sections.close)) {
      to = j;
      break;
    }
  return { from, to };
}
