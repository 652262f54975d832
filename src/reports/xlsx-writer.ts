import { strToU8, zipSync } from "fflate";

/**
 * A small Office Open XML (XLSX) writer: inline strings, numbers, a fixed style table, frozen
 * header rows, autofilters, column widths and colour-scale conditional formats. A few hundred lines
 * on top of fflate (already in the bundle for reading uploads) instead of a spreadsheet library
 * (README, "Dependencies").
 */

/** Cell styles, indexes into cellXfs below. */
export const STYLE = {
  normal: 0,
  header: 1,
  decimal: 2,
  review: 3,
  reviewDecimal: 4,
  title: 5,
  percent: 6,
} as const;
export type StyleId = (typeof STYLE)[keyof typeof STYLE];

export type XCell = string | number | null | { v: string | number | null; s: StyleId };

export interface ColorScale {
  /** Column letter range, e.g. "O2:O120". */
  sqref: string;
  min: number;
  max: number;
}

export interface Sheet {
  name: string;
  rows: XCell[][];
  /** Row style applied to cells without one of their own (e.g. a highlighted row). */
  rowStyles?: Array<StyleId | undefined>;
  widths?: number[];
  /** Number of top rows kept visible while scrolling. */
  freezeRows?: number;
  /** Filter buttons on the first row over every column. */
  autoFilter?: boolean;
  colorScales?: ColorScale[];
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";

export const escapeXml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // XML 1.0 cannot carry most control characters at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

export function columnName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

// Fills: 0 none, 1 gray125 (both required by Excel), 2 header grey, 3 review amber.
// Fonts: 0 normal, 1 bold, 2 bold large. numFmt 2 = "0.00", 10 = "0.00%".
const STYLES = `${XML}<styleSheet xmlns="${NS}"><fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="14"/><name val="Calibri"/></font></fonts><fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFE699"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/><xf numFmtId="2" fontId="0" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function cellXml(cell: XCell, ref: string, rowStyle: StyleId | undefined): string {
  const { v, s } =
    cell !== null && typeof cell === "object" ? cell : { v: cell, s: rowStyle ?? STYLE.normal };
  const style = s ? ` s="${s}"` : "";
  if (v === null) return s ? `<c r="${ref}"${style}/>` : "";
  if (typeof v === "number")
    return Number.isFinite(v) ? `<c r="${ref}"${style}><v>${v}</v></c>` : `<c r="${ref}"${style}/>`;
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
}

function sheetXml(sheet: Sheet): string {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const last = `${columnName(width - 1)}${Math.max(1, sheet.rows.length)}`;
  const parts: string[] = [`${XML}<worksheet xmlns="${NS}" xmlns:r="${REL}"><dimension ref="A1:${last}"/>`];
  if (sheet.freezeRows) {
    const top = `A${sheet.freezeRows + 1}`;
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${sheet.freezeRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
    );
  }
  if (sheet.widths?.length) {
    parts.push("<cols>");
    sheet.widths.forEach((w, i) => {
      parts.push(`<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`);
    });
    parts.push("</cols>");
  }
  parts.push("<sheetData>");
  sheet.rows.forEach((row, i) => {
    const rowStyle = sheet.rowStyles?.[i];
    const cells = row.map((c, j) => cellXml(c, `${columnName(j)}${i + 1}`, rowStyle)).join("");
    parts.push(`<row r="${i + 1}">${cells}</row>`);
  });
  parts.push("</sheetData>");
  if (sheet.autoFilter) parts.push(`<autoFilter ref="A1:${last}"/>`);
  (sheet.colorScales ?? []).forEach((cs, i) => {
    const mid = (cs.min + cs.max) / 2;
    parts.push(
      `<conditionalFormatting sqref="${cs.sqref}"><cfRule type="colorScale" priority="${i + 1}"><colorScale><cfvo type="num" val="${cs.min}"/><cfvo type="num" val="${mid}"/><cfvo type="num" val="${cs.max}"/><color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>`,
    );
  });
  parts.push("</worksheet>");
  return parts.join("");
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

function absolute(ref: string): string {
  return ref.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

/** The workbook as XLSX bytes (a fresh ArrayBuffer). */
export function writeWorkbook(sheets: Sheet[]): Uint8Array<ArrayBuffer> {
  const sheetEntries = sheets.map((s, i) => ({ ...s, index: i + 1 }));
  const definedNames = sheetEntries
    .filter((s) => s.autoFilter)
    .map((s) => {
      const width = Math.max(1, ...s.rows.map((r) => r.length));
      const range = absolute(`A1:${columnName(width - 1)}${Math.max(1, s.rows.length)}`);
      return `<definedName name="_xlnm._FilterDatabase" localSheetId="${s.index - 1}" hidden="1">${escapeXml(quoteSheet(s.name))}!${range}</definedName>`;
    })
    .join("");
  const files: Record<string, string> = {
    "[Content_Types].xml": `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>${sheetEntries.map((s) => `<Override PartName="/xl/worksheets/sheet${s.index}.xml" ContentType="${CT}.worksheet+xml"/>`).join("")}</Types>`,
    "_rels/.rels": `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheetEntries.map((s) => `<sheet name="${escapeXml(s.name)}" sheetId="${s.index}" r:id="rId${s.index}"/>`).join("")}</sheets>${definedNames ? `<definedNames>${definedNames}</definedNames>` : ""}</workbook>`,
    "xl/_rels/workbook.xml.rels": `${XML}<Relationships xmlns="${PKG_REL}">${sheetEntries.map((s) => `<Relationship Id="rId${s.index}" Type="${REL}/worksheet" Target="worksheets/sheet${s.index}.xml"/>`).join("")}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    "xl/styles.xml": STYLES,
  };
  for (const s of sheetEntries) files[`xl/worksheets/sheet${s.index}.xml`] = sheetXml(s);
  const zipped = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), {
    level: 6,
  });
  return zipped as Uint8Array<ArrayBuffer>;
}
