import { FAMILY_RULES } from "../classify/rules/families";
import MAKERS from "../classify/rules/makers.json";
import { MANUFACTURER_HINTS } from "../classify/rules/manufacturers";
/**
 * How much the surrounding layout already vouches for a string being a manufacturer part number:
 * - strong: a cell under an MPN header, or the value of an explicit "Mfr. part no.:" / "P/N:" label
 * - generic: a cell under a plain "Part Number" header (could hold distributor codes)
 * - weak: a cell under Comment / Value / Name / LibRef, where values and free text are common
 * - prose: a bare token in running text
 */
export type Evidence = "strong" | "generic" | "weak" | "prose";

const DIGIKEY = /-ND$/i;
const MOUSER_PREFIX = /^\d{2,3}-(?=[A-Z0-9]*[A-Z])([A-Z0-9].{3,})$/i;
const ALTIUM_VAULT_ID = /^CMP-[\dA-Z]+(-\d+)+$/i;
const MCMASTER = /^\d{3,5}[A-Z]\d{1,4}$/;
const SKU = /^(SKU|ITEM|INT)[-\s#:]/i;
const NCM_HS = /^\d{4}\.\d{2}(\.\d{2}(\.?\d{2})?|\.\d{4})?$/;
const CNPJ = /^\d{2}\.?\d{3}\.?\d{3}\/\d{4}-?\d{2}$/;
const CPF = /^\d{3}\.\d{3}\.\d{3}-\d{2}$/;
const DATE_NUMERIC = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}$/;
const DATE_WORDS =
  /^\d{1,2}[-\s]?(jan|feb|fev|mar|apr|abr|may|mai|jun|jul|aug|ago|sep|set|oct|out|nov|dec|dez)[a-z]*[-\s]?\d{2,4}$/i;
const NUMBER_LIKE = /^[-+]?[\d\s]*\d([.,]\d+)*%?$/;
const QUANTITY_OR_MONEY = /^[-+]?\d{1,3}([.,]\d{3})*([.,]\d{1,4})?%?$/;
const MONEY = /^(R\$|US\$|\$|€|£|EUR|USD|BRL)\s?[\d.,]+$/i;
const QTY_K = /^\d+([.,]\d+)?\s?k(pcs|pc)?$/i;
const COMPONENT_VALUE =
  /^\d+([.,]\d+)?\s?(p|n|u|µ|μ|m|k|M|G)?(F|H|Hz|Ω|ohms?|R|V|VDC|VAC|A|W|mA|mW|mAh|dB|ppm|%)$/i;
// A figure with a unit of capacity, resolution, speed or size from a product's specification
// ("8GB", "2TB", "12400DPI", "1080P", "7200RPM", "15,6POL"): what the part is, not its number.
const SPEC_FIGURE =
  /^\d+([.,]\d+)?(GB|TB|MB|KB|GBPS|MBPS|DPI|PPI|RPM|MP|MPX|P|FPS|POL|IN|INCH|CM|MM|KG|ML|L|BTU|BTUS|CV|HP|LUMENS|LM|NITS|PSI|BAR|KVA|VA|WH|KWH|CC|GRAMAS|GR|G)$/i;
// A size in figures only ("138X188", "1,5X2,0MM"): letters other than the separators make a part.
const SIZE_FIGURES = /^\d+([.,]\d+)?([X×*]\d+([.,]\d+)?){1,2}(MM|CM|M)?$/i;
// Engine-oil viscosity grades ("15W-40", "5W30") describe a lubricant, they do not name a part.
const VISCOSITY_GRADE = /^\d{1,2}W-?\d{2}$/i;
const RESISTOR_CODE = /^\d+[RKM]\d*$/i;
const CHIP_SIZE = /^(01005|0201|0402|0603|0805|1008|1206|1210|1806|1812|2010|2220|2512)$/;
// Package names, also with a body width ("SOIC-8/150mil").
const PACKAGE =
  /^(SOT|SOD|SOIC|SO|SOP|SSOP|TSOP|TSSOP|MSOP|QFN|DFN|VQFN|WQFN|UQFN|QFP|LQFP|TQFP|BGA|LGA|DIP|PDIP|SIP|TO|DO|SMA|SMB|SMC|HC|DPAK|D2PAK|MELF|SC|SOJ|PLCC|WSON|SON|TSOT)-?\d{1,3}[A-Z]{0,3}(-\d{1,2})?(\/\d+(mil|mm))?$/i;
const PLACEHOLDER = /^(n\/?a|tbd|tba|dnp|dnf|nc|none|various|generic|any|-+|~|\?+)$/i;
const VAT = /^[A-Z]{2}\d{8,12}(B\d{2})?$/;
const LETTERS_THEN_LONG_NUMBER = /^[A-Z]{1,6}\d{8,}$/;
const DESIGNATOR = /^[A-Z]{1,3}\d{1,3}(-[A-Z]{0,3}\d{0,3})?$/;
// "C9,C23" or "R1,R4,R16": reference-designator lists from a BOM's Ref column.
const DESIGNATOR_LIST = /^([A-Z]{1,3}\d{1,3}[,;]+)+([A-Z]{1,3}\d{0,3})?$/;
// "C10-11", "R4-8": a range of designators, the second number above the first.
const DESIGNATOR_RANGE = /^([A-Z]{1,2})(\d{1,3})-(\d{1,3})$/;
function designatorRange(s: string): boolean {
  const m = DESIGNATOR_RANGE.exec(s);
  return !!m && Number(m[3]) > Number(m[2]) && Number(m[3]) - Number(m[2]) < 100;
}
// "R10,12,14", "R11,12,19-21": one designator prefix with a list of numbers.
const DESIGNATOR_NUMBERS = /^[A-Z]{1,3}\d{1,3}([,;]\d{1,3}(-\d{1,3})?)+$/;
// IPC-7351 land-pattern names from footprint libraries ("CAPC2012X145N", "SOIC127P780X200-8N").
const IPC_FOOTPRINT =
  /^[A-Z]{2,6}\d{3,}(P\d{3,})?X\d{2,}(X\d{2,})*(-\d+)?[A-Z]{0,6}$|^[A-Z]{2,6}\d{2,}P\d{3,}X\d{2,}(X\d{2,})*(-\d+)?[A-Z]{0,6}$/;
// Library footprint names: underscores with sizes or pitches ("R_0603_1608Metric", "SOIC-8_3.9x4.9mm").
const LIBRARY_FOOTPRINT = /_.*(metric|mm|\d[x×]\d|horizontal|vertical|handsolder)|^\w+_\w+_/i;
// UUID-shaped numbers (the FCI of Brazilian imports, document keys): never a maker's code.
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;
// A component category glued to a chip size: library footprints and symbols ("LED0805", "R0603-RD").
const CHIP_LIBRARY_NAME =
  /^(LED|CAP|RES|IND|FB|R|C|L|D)[-_]?(01005|0201|0402|0603|0805|1206|1210|1812|2010|2512)([-_][A-Z]{1,4})?$/i;
// Amazon ASINs: a shop's catalogue code, never the maker's.
const ASIN = /^B0[0-9A-Z]{8}$/;
// A field label glued to its figure on forms ("ICMS0,00", "UNIT12,5000", "TOTAL99,10").
const LABEL_AND_FIGURE = /^[\p{L}.]{3,}\d+([.,]\d{3})*,(\d{2}|\d{4})$|^[\p{L}.]{4,}\d+\.\d+\.\d+$/u;
// Percentages and figures with currency or tax words around them ("R$10,00(12,50%)").
const PERCENT = /\d%/;
// Package and count descriptors from distributor descriptions: "16-PDIP", "10-POS", "256KBIT", "±30PPM".
const DESCRIPTOR =
  /^(\d+-(PDIP|DIP|CDIP|EDIP|SDIP|SOIC|SOP|SSOP|TSSOP|QFN|QFP|TQFP|LQFP|PLCC|SMD|SIP|POS|PIN|PINS|WAY|CONTACT|CIRCUIT)|\d+(KBIT|MBIT|GBIT|KB|MB|PPM|MHZ|KHZ)|[±+-]\d.*)$/i;
const DOC_NUMBER = /^(PO|INV|RFQ|Q|SO|PL|COT|PC|NF|OC|OV|DOC|REQ|RC|AWB|DN)-?\d{2,}([-/]\d+)*$/i;
const LOT = /^(L|LOT|LOTE)\d{4,}(-\d+)?$/i;
// Sizes ("5x7mm", "M3x10", "2.54x10"): the figures lead. A wildcard "x" inside a part number
// ("QX84C00x0FT", one for each speed grade) comes after letters and figures.
const DIMENSION = /^\D{0,3}\d+([.,]\d+)?x\d/i;
const NON_LATIN_LETTER = /[^\u0000-\u024F\u00B5\u03BC\u03A9\u2126]/;
// Generic component-category words that BOM tools glue in front of an MPN ("CLOCK-NE555DR").
const CATEGORY_PREFIX =
  /^(CLOCK|TIMER|RELAY|RES|CAP|IND|LED|IC|DIODE|CONN|XTAL|FUSE|SW|MOSFET|FET|OPAMP|REG|LDO|MCU|TRANS|BJT)[-_](?=.*\d)/i;
// A package in parentheses at the end of a library name ("NE555DR(SOIC8)"), not an ordering suffix like "(LF)".
const PAREN_PACKAGE =
  /\((SOT|SOD|SOIC|SOP|SSOP|TSSOP|MSOP|QFN|DFN|QFP|LQFP|TQFP|BGA|DIP|PDIP|TO|DO)-?\d+[A-Z]?\)$/i;

const digitFamilies = new Map<string, boolean>();
function digitFamily(s: string): boolean {
  let known = digitFamilies.get(s);
  if (known === undefined) {
    if (digitFamilies.size > 5_000) digitFamilies.clear();
    known = s.length >= 4 && FAMILY_RULES.some((r) => r.pattern.test(s));
    digitFamilies.set(s, known);
  }
  return known;
}

const DIGIT_GROUPS = /^\d{2,}(-\d{2,}){1,3}$/;

// A library symbol's variant after an underscore ("QX7781-PCB_V2"): the part is before it.
const LIBRARY_VARIANT = /^([A-Z0-9][A-Z0-9./-]{4,})_[A-Z0-9]{1,4}$/i;

// Schematic library names in Value/Device columns: a word, then at most a short variant with a
// pin count ("JUMPER2", "HEADER-SIL8", "TERMBLOCK-M3"), where an MPN mixes letters and digits.
const LIBRARY_NAME = /^[A-Z]{5,}(-[A-Z]{0,4}\d{0,2}|\d{1,2})$/i;

const MAKER_NAMES = new Set(
  Object.entries(MAKERS.makers).flatMap(([key, name]) => [key.toLowerCase(), name.toLowerCase()]),
);
// A maker's name glued in front of its part number by a library ("Norvane-0492250821").
const MAKER_PREFIX = /^(\p{L}[\p{L} ]{1,24})[-_](?=[^-_]*\d)(.{4,})$/u;
function withoutMakerPrefix(s: string): string {
  const m = MAKER_PREFIX.exec(s);
  if (!m) return s;
  const maker = m[1]!.toLowerCase();
  const named =
    MAKER_NAMES.has(maker) ||
    MANUFACTURER_HINTS.some((h) => h.pattern.test(maker) && maker.replace(h.pattern, "").trim() === "");
  return named ? m[2]! : s;
}

// "QX25P16(QW25Q16)": a part and its second source; "QX621ELL(E(D)V30)": a part and its variants
// in a notation of the author's. A short bracketed tail ("(LF)", "(T&R)") is an ordering suffix.
const ORDERING_GROUPS = /(\([^()]{1,4}\))+$/;
const BRACKETED_TAIL = /^([A-Z0-9][A-Z0-9.\-/]{3,})\((.{5,})\)$/i;

/**
 * The part numbers a token names when a long bracketed tail follows a part number: the tail too
 * when it is a part number on its own (an alternate), else only the part before it. Null when the
 * token has no such tail.
 */
export function bracketedAlternates(token: string, evidence: Evidence): string[] | null {
  const m = BRACKETED_TAIL.exec(trimToken(token));
  if (!m || PAREN_PACKAGE.test(token) || ORDERING_GROUPS.test(token)) return null;
  const head = acceptPartnumber(m[1]!, evidence);
  if (!head) return null;
  const tail = /[()]/.test(m[2]!) ? null : acceptPartnumber(m[2]!, evidence);
  return tail ? [head, tail] : [head];
}

/** Key used to compare part numbers: case and all whitespace ignored. */
export function partnumberKey(s: string): string {
  return s.replace(/\s+/g, "").toUpperCase();
}

/** Unicode hyphens, dashes and the minus sign (U+2010…U+2015, U+2212, U+FE63, U+FF0D) read as "-". */
export function normalizeDashes(s: string): string {
  return s.replace(/[\u2010-\u2015\u2212\uFE63\uFF0D]/g, "-");
}

/** Trims punctuation that belongs to the sentence or table, not to the part number. */
export function trimToken(raw: string): string {
  let s = normalizeDashes(raw)
    .replace(/[\u00A0\u2007\u202F]/g, " ")
    .trim();
  s = s.replace(/^[\s"'“”‘’«»[{<*•·]+/, "");
  s = s.replace(/[\s,;:.!?'"“”‘’»\]}>*]+$/, "");
  // A dangling opening or closing parenthesis is sentence punctuation; a balanced pair is part of the MPN.
  while (s.endsWith(")") && count(s, "(") < count(s, ")")) s = s.slice(0, -1);
  while (s.startsWith("(") && count(s, "(") > count(s, ")")) s = s.slice(1);
  // A whole token in parentheses is a code quoted in a description ("Replicator (QX12-7)").
  if (/^\([^()]+\)$/.test(s)) s = s.slice(1, -1);
  return s.trim();
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** Never a part number, whatever the context. */
export function isKnownNonPartnumber(s: string): boolean {
  const t = s.trim();
  const compact = t.replace(/\s+/g, "");
  return (
    PLACEHOLDER.test(t) ||
    DIGIKEY.test(compact) ||
    SKU.test(t) ||
    /^SKU\d/i.test(t) ||
    NCM_HS.test(compact) ||
    CNPJ.test(compact) ||
    CPF.test(compact) ||
    DATE_NUMERIC.test(compact) ||
    DATE_WORDS.test(t) ||
    MONEY.test(t) ||
    QTY_K.test(compact) ||
    COMPONENT_VALUE.test(compact) ||
    RESISTOR_CODE.test(compact) ||
    VISCOSITY_GRADE.test(compact) ||
    SPEC_FIGURE.test(compact) ||
    SIZE_FIGURES.test(compact) ||
    CHIP_SIZE.test(compact) ||
    PACKAGE.test(compact) ||
    ALTIUM_VAULT_ID.test(compact) ||
    DESIGNATOR_LIST.test(compact) ||
    DESIGNATOR_NUMBERS.test(compact) ||
    designatorRange(compact) ||
    IPC_FOOTPRINT.test(compact) ||
    LIBRARY_FOOTPRINT.test(compact) ||
    ASIN.test(compact) ||
    CHIP_LIBRARY_NAME.test(compact) ||
    UUID.test(compact) ||
    LABEL_AND_FIGURE.test(compact) ||
    PERCENT.test(compact) ||
    DESCRIPTOR.test(compact) ||
    !/\d/.test(t)
  );
}

/**
 * Returns the part number to report for a candidate string, or null when it is not one.
 * `rowText` is the rest of the table row, used for catalogue numbers labelled as such.
 */
export function acceptPartnumber(raw: string, evidence: Evidence, rowText = ""): string | null {
  let s = trimToken(raw);
  if (s.length < 2 || s.length > 60) return null;
  if (evidence !== "strong") {
    const mouser = MOUSER_PREFIX.exec(s);
    if (mouser?.[1] && /\d/.test(mouser[1])) s = mouser[1];
  }
  if (evidence === "weak" || evidence === "prose") {
    s = withoutMakerPrefix(s.replace(PAREN_PACKAGE, "").replace(CATEGORY_PREFIX, ""));
    // A pitch or size before the underscore makes it a footprint name ("HDR-2.54_1X4"), not a part.
    if (!/\d\.\d/.test(s)) s = s.replace(LIBRARY_VARIANT, "$1");
  }
  if (isKnownNonPartnumber(s)) return null;
  if (/mc-?master/i.test(rowText) && MCMASTER.test(s)) return null;
  if (evidence === "strong") return QUANTITY_OR_MONEY.test(s) ? null : s;
  if (NUMBER_LIKE.test(s) && !/^\d{4,}$/.test(s)) return null;
  if (evidence === "generic") return s;
  return weakShapeOk(s, evidence) ? s : null;
}

// Free text and value columns are full of words, values and library names; only accept tokens
// shaped like an MPN: one token, digits, upper-case letters, no library punctuation.
function weakShapeOk(s: string, evidence: Evidence): boolean {
  if (/\s/.test(s) || /[_:@=]|:\/\/|www\.|\.com\b/i.test(s)) return false;
  if (NON_LATIN_LETTER.test(s)) return false;
  if (DIMENSION.test(s) && /[a-z]/.test(s)) return false;
  const upper = (s.match(/[A-Z]/g) ?? []).length;
  const lower = (s.match(/[a-z]/g) ?? []).length;
  // Mixed case is tolerated for the "ATmega328P" kind, not for file or project names ("rp2040-launchpad").
  if (lower > 0 && (upper < 3 || /^[^A-Z]*[a-z]/.test(s))) return false;
  // Bare figures are values and counts, except long catalogue numbers and a family the
  // classifier knows ("7805" regulators).
  if (/^\d+$/.test(s)) return evidence === "weak" && (s.length >= 7 || digitFamily(s));
  // Connector makers number in digit groups ("22-23-2031"); in prose such groups are phones and dates.
  if (DIGIT_GROUPS.test(s)) return evidence === "weak" && s.replace(/\D/g, "").length >= 7;
  if (upper === 0) return false;
  if (VAT.test(s) || LETTERS_THEN_LONG_NUMBER.test(s) || DOC_NUMBER.test(s) || LOT.test(s)) return false;
  if (LIBRARY_NAME.test(s)) return false;
  if (evidence === "prose") {
    if (s.length < 5 || DESIGNATOR.test(s)) return false;
    if (/^[A-Z]{1,3}\d{1,3}-[A-Z]{1,3}\d{1,3}$/.test(s)) return false;
  } else if (s.length < 4) {
    return false;
  }
  return true;
}
