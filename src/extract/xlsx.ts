import { unzipSync } from "fflate";
import { extractFromRows, findHeaderRow } from "./spreadsheet-rows";
import { ExtractionError, type ExtractResult, type XlsxOptions } from "./types";

interface SheetRef {
  name: string;
  path: string;
}

const utf8 = new TextDecoder();

function unreadable(why: string): ExtractionError {
  return new ExtractionError("spreadsheet_unreadable", `The XLSX workbook could not be read: ${why}.`);
}

function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(
        e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e.toLowerCase()] ?? "";
  });
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXmlEntities(m[1]!) : undefined;
}

/** Concatenated <t> texts of a shared-string item or inline string (rich-text runs included). */
function textOf(xml: string): string {
  let out = "";
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += decodeXmlEntities(m[1]!);
  return out;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => textOf(m[1] ?? ""));
}

function sheetRefs(files: Record<string, Uint8Array>): SheetRef[] {
  const workbook = files["xl/workbook.xml"];
  if (!workbook) throw unreadable("xl/workbook.xml is missing");
  const rels = files["xl/_rels/workbook.xml.rels"];
  const targets = new Map<string, string>();
  if (rels) {
    for (const m of utf8.decode(rels).matchAll(/<Relationship\b[^>]*>/g)) {
      const id = attr(m[0], "Id");
      const target = attr(m[0], "Target");
      if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    }
  }
  return [...utf8.decode(workbook).matchAll(/<sheet\b[^>]*>/g)].map((m, i) => {
    const rid = attr(m[0], "r:id") ?? "";
    return {
      name: attr(m[0], "name") ?? `Sheet${i + 1}`,
      path: targets.get(rid) ?? `xl/worksheets/sheet${i + 1}.xml`,
    };
  });
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, "").toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Rows of a worksheet as strings; empty rows are kept so row numbers match the sheet. */
function readSheet(xml: string, strings: string[]): string[][] {
  const rows: string[][] = [];
  for (const rowMatch of xml.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
    const rowNumber = Number(attr(rowMatch[1]!, "r") ?? rows.length + 1);
    const cells: string[] = [];
    let next = 0;
    for (const c of rowMatch[2]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const body = c[2] ?? "";
      const ref = attr(attrs, "r");
      const k = ref ? columnIndex(ref) : next;
      next = k + 1;
      const type = attr(attrs, "t");
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = "";
      if (type === "s") value = strings[Number(v)] ?? "";
      else if (type === "inlineStr") value = textOf(body);
      else if (v !== undefined) value = decodeXmlEntities(v);
      cells[k] = value;
    }
    while (rows.length < rowNumber - 1) rows.push([]);
    rows.push(Array.from(cells, (c) => c ?? ""));
  }
  return rows;
}

interface Workbook {
  refs: SheetRef[];
  load(ref: SheetRef): string[][];
}

function openWorkbook(bytes: Uint8Array): Workbook {
  let files: Record<string, Uint8Array>;
  try {
    // Only the parts we read are inflated: a workbook's images and pivot caches stay compressed.
    files = unzipSync(bytes, {
      filter: (f) =>
        f.name.startsWith("xl/") && /\.(xml|rels)$/.test(f.name) && !f.name.startsWith("xl/media/"),
    });
  } catch (err) {
    throw unreadable(err instanceof Error ? err.message : "not a zip archive");
  }
  const shared = files["xl/sharedStrings.xml"];
  const strings = sharedStrings(shared ? utf8.decode(shared) : undefined);
  return {
    refs: sheetRefs(files),
    load(ref) {
      const xml = files[ref.path];
      if (!xml) throw unreadable(`worksheet ${ref.path} is missing`);
      return readSheet(utf8.decode(xml), strings);
    },
  };
}

/** Every sheet of a workbook as rows of cell strings (numbers as stored), for table imports. */
export function readXlsxSheets(bytes: Uint8Array): { name: string; rows: string[][] }[] {
  const book = openWorkbook(bytes);
  return book.refs.map((ref) => ({ name: ref.name, rows: book.load(ref) }));
}

/**
 * Extracts part numbers from an XLSX workbook: the sheet chosen by name or 0-based index, else the
 * first sheet with a part-number header row, else the first sheet with content.
 */
export async function extractXlsx(bytes: Uint8Array, opts: XlsxOptions = {}): Promise<ExtractResult> {
  const { refs, load } = openWorkbook(bytes);
  if (opts.sheet !== undefined) {
    const ref = typeof opts.sheet === "number" ? refs[opts.sheet] : refs.find((r) => r.name === opts.sheet);
    if (!ref) throw unreadable(`sheet ${JSON.stringify(opts.sheet)} does not exist`);
    return extractFromRows(load(ref), opts);
  }
  let firstWithContent: string[][] | null = null;
  for (const ref of refs) {
    const rows = load(ref);
    if (findHeaderRow(rows)) return extractFromRows(rows, opts);
    if (!firstWithContent && rows.some((r) => r.some((c) => c.trim()))) firstWithContent = rows;
  }
  if (!firstWithContent) throw unreadable("no sheet has any content");
  return extractFromRows(firstWithContent, opts);
}
