import { ID_LABEL_BEFORE } from "./header-vocabulary";
import { type Line, splitWords } from "./layout";
import { acceptPartnumber, bracketedAlternates, partnumberKey, trimToken } from "./partnumber-rules";
import { type Column, columnAt, readHeader } from "./table";
import { knownFamily } from "./token-score";

export interface ProseCandidate {
  partnumber: string;
  /** 0-based index of the line in its page. */
  lineIndex: number;
}

const DESIGNATOR_SHAPE = /^[A-Z]{1,3}\d{1,3}$/;
// A reference designator or a list of them leading a parts-list entry ("U10", "Xr2", "R4-8", "C2,3").
const LIST_DESIGNATOR = /^[A-Z]{1,3}[a-z]?\d{1,3}([,-][A-Z]{0,3}\d{1,3})*\**$/;
const CONNECTOR_DESIGNATOR = /^(J|X|XS|XP|XT|CN|P|JP|CON)[a-z]?\d/;
// A connector series and its pin count ("QLD-10", "QB15F"): a generic type name.
const CONNECTOR_TYPE = /^[A-Z]{2,4}-?\d{1,2}[A-Z]?$/;

// Under these headers a token is some other kind of code or a number, never an MPN.
const SKIPPED_ROLES = new Set(["id", "designator", "footprint", "quantity", "other", "manufacturer"]);

/**
 * Bare MPN-shaped tokens in lines of text, for documents without a part-number column. Tokens
 * right after an identifier label ("Invoice No.", "Lot", "VAT") and tokens under identifier
 * headers (customer, order, invoice, article columns) are skipped.
 */
export function proseCandidates(lines: Line[]): ProseCandidate[] {
  const out: ProseCandidate[] = [];
  const seen = new Set<string>();
  let columns: Column[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = readHeader(lines, i);
    if (header) {
      columns = header.columns;
      i = header.next - 1;
      continue;
    }
    let previous = "";
    // The designator the words follow on a parts-list line, if any.
    let designator: string | null = null;
    // The line's text, for the distractor rules: joined once per line, not once per word.
    let rowText: string | undefined;
    // A description that repeats a word of the row's own code cell repeats that code.
    let idWords: Set<string> | undefined;
    for (const run of line.runs) {
      const crosses = columns?.filter(
        (c) => c.start > run.x + run.size && c.start < run.x + run.width - run.size,
      );
      if (columns && crosses && crosses.length >= 2) columns = null;
      for (const [w, word] of splitWords(run).entries()) {
        const before = previous;
        previous = word.text;
        if (ID_LABEL_BEFORE.test(before)) continue;
        if (columns) {
          const k = columnAt(columns, word.x, word.size);
          const role = k >= 0 ? columns[k]!.role : null;
          if (role && SKIPPED_ROLES.has(role)) continue;
        }
        rowText ??= line.runs.map((r) => r.text).join(" ");
        const token = trimToken(word.text);
        // In a parts-list line ("U10  QX311  SOIC-8") a designator-shaped token of a family the
        // classifier knows is the part; after a connector's designator, a series name with a pin
        // count ("QLD-10") is the connector's generic type, not a part number.
        if (designator && DESIGNATOR_SHAPE.test(token) && token.length >= 5 && knownFamily(token)) {
          if (!seen.has(partnumberKey(token))) out.push({ partnumber: token, lineIndex: i });
          seen.add(partnumberKey(token));
          continue;
        }
        // A designator opens an entry only at the start of a cell, and a known part is not one.
        if (w === 0 && LIST_DESIGNATOR.test(token) && !knownFamily(token)) {
          designator = token;
          continue;
        }
        if (designator && CONNECTOR_DESIGNATOR.test(designator) && CONNECTOR_TYPE.test(token)) continue;
        const bracketed = bracketedAlternates(word.text, "prose");
        const single = bracketed ? null : acceptPartnumber(token, "prose", rowText);
        const pns = bracketed ?? (single ? [single] : []);
        for (const pn of pns) {
          if (seen.has(partnumberKey(pn))) continue;
          if (columns) {
            idWords ??= lineIdWords(line, columns);
            if (idWords.has(word.text.toUpperCase())) continue;
          }
          seen.add(partnumberKey(pn));
          out.push({ partnumber: pn, lineIndex: i });
        }
      }
    }
  }
  return out;
}

function lineIdWords(line: Line, columns: Column[]): Set<string> {
  const out = new Set<string>();
  for (const run of line.runs)
    for (const word of splitWords(run)) {
      const k = columnAt(columns, word.x, word.size);
      if (k >= 0 && columns[k]!.role === "id") out.add(word.text.toUpperCase());
    }
  return out;
}

/** The same heuristics for plain strings (spreadsheet cells without a part-number column). */
export function proseCandidatesInText(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let previous = "";
  for (const word of text.split(/\s+/)) {
    const before = previous;
    previous = word;
    if (!word || ID_LABEL_BEFORE.test(before)) continue;
    const pn = acceptPartnumber(trimToken(word), "prose");
    if (!pn || seen.has(partnumberKey(pn))) continue;
    seen.add(partnumberKey(pn));
    out.push(pn);
  }
  return out;
}
