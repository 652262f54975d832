import { PDFDocument, type PDFFont, rgb, StandardFonts } from "pdf-lib";
import { formatNcm, type ItemRow } from "./columns";
import { barChart, INK, MUTED, pieChart, SOURCE_COLORS } from "./pdf-charts";
import { PageContent } from "./pdf-content";
import { PdfText } from "./pdf-text";
import { type NcmDescriptions, SOURCE_ORDER, summarize } from "./summary";

/** What the cover says about the job. */
export interface ReportJob {
  id: string;
  status: string;
  sourceName: string | null;
  createdAt: Date | null;
  finishedAt: Date | null;
  /** What extraction could not read: printed on the cover, never left out silently. */
  warnings?: { message: string }[];
}

// A4 landscape, points.
const W = 842;
const H = 595;
const M = 30;
const ROW = 11;
const TABLE_TOP = H - M - 34;
/** Result rows per table page; the page count is 1 (cover) + ceil(items / ROWS_PER_PAGE). */
export const ROWS_PER_PAGE = Math.floor((TABLE_TOP - ROW - (M + 16)) / ROW);

const REVIEW_FILL = rgb(1, 0.93, 0.7);
const HEADER_FILL = rgb(0.85, 0.88, 0.95);
const ZEBRA = rgb(0.965, 0.97, 0.98);

interface Column {
  title: string;
  width: number;
  value: (r: ItemRow) => string;
  /** Shrink the font rather than cut the text (part numbers must print whole). */
  whole?: boolean;
}

const COLUMNS: Column[] = [
  { title: "#", width: 28, value: (r) => String(r.seq) },
  { title: "Part number", width: 130, value: (r) => r.partnumber, whole: true },
  { title: "Description", width: 220, value: (r) => r.description ?? r.classDescription ?? "" },
  { title: "Manufacturer", width: 80, value: (r) => r.classManufacturer ?? r.manufacturer ?? "" },
  { title: "NCM", width: 54, value: (r) => formatNcm(r.ncm) ?? "" },
  { title: "Ex", width: 20, value: (r) => r.exTipi ?? "" },
  { title: "Source", width: 42, value: (r) => (r.ncm ? (r.source ?? "") : "") },
  {
    title: "Conf.",
    width: 32,
    value: (r) => (r.confidence === null ? "" : `${Math.round(r.confidence * 100)}%`),
  },
  { title: "Status", width: 66, value: (r) => (r.status === "needs_review" ? "REVIEW" : r.status) },
  { title: "Reason", width: 110, value: (r) => r.reason ?? "" },
];

const fmtDate = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

type Fonts = { text: PdfText; bold: PdfText };

function footer(out: PageContent, font: PDFFont, job: ReportJob, n: number, of: number): void {
  out.text(`partwise · job ${job.id}`, M, M - 14, 7, font, MUTED);
  const label = `page ${n} of ${of}`;
  out.text(label, W - M - font.widthOfTextAtSize(label, 7), M - 14, 7, font, MUTED);
}

function cover(doc: PDFDocument, fonts: Fonts, rows: ItemRow[], job: ReportJob, ncm: NcmDescriptions) {
  const page = doc.addPage([W, H]);
  const { text, bold } = fonts;
  const s = summarize(rows);
  page.drawText("Classification report", { x: M, y: H - M - 20, size: 22, font: bold.font, color: INK });
  const sub = [job.sourceName ? text.clean(job.sourceName) : "part-number list", `job ${job.id}`].join(" · ");
  page.drawText(text.fit(sub, W - 2 * M, 10), {
    x: M,
    y: H - M - 40,
    size: 10,
    font: text.font,
    color: MUTED,
  });
  page.drawText(
    `status ${job.status} · created ${fmtDate(job.createdAt)} · finished ${fmtDate(job.finishedAt)}`,
    {
      x: M,
      y: H - M - 55,
      size: 9,
      font: text.font,
      color: MUTED,
    },
  );
  // One line above the totals: as many warnings as fit, in order.
  const warnings = job.warnings ?? [];
  if (warnings.length) {
    const line = `Warnings (${warnings.length}): ${warnings.map((w) => w.message).join("; ")}`;
    page.drawText(text.fit(text.clean(line), W - 2 * M, 8), {
      x: M,
      y: H - M - 66,
      size: 8,
      font: text.font,
      color: INK,
    });
  }
  const count = (k: string) => s.byStatus.find(([status]) => status === k)?.[1] ?? 0;
  const totals: Array<[string, number]> = [
    ["Items", s.total],
    ["Classified", count("classified")],
    ["Needs review", count("needs_review")],
    ["Failed", count("failed")],
    ["Invalid", count("invalid")],
  ];
  const boxW = (W - 2 * M - 4 * 12) / 5;
  totals.forEach(([label, n], i) => {
    const x = M + i * (boxW + 12);
    const y = H - M - 125;
    page.drawRectangle({ x, y, width: boxW, height: 54, color: i === 2 && n > 0 ? REVIEW_FILL : ZEBRA });
    page.drawText(String(n), { x: x + 10, y: y + 22, size: 20, font: bold.font, color: INK });
    page.drawText(label, { x: x + 10, y: y + 8, size: 9, font: text.font, color: MUTED });
  });
  const chartTop = H - M - 145;
  const top = s.byChapter.slice(0, 12);
  const rest = s.byChapter.slice(12).reduce((n, [, v]) => n + v, 0);
  const bars = top.map(([ch, value]) => ({ label: `${ch} ${ncm.get(ch) ?? ""}`, value }));
  if (rest > 0) bars.push({ label: "other chapters", value: rest });
  barChart(
    page,
    text,
    { x: M, y: M + 10, width: (W - 2 * M) * 0.58, height: chartTop - M - 10 },
    "Items per NCM chapter",
    bars,
  );
  const sources = new Map(s.bySource);
  const labels: Record<string, string> = {
    catalog: "catalog",
    rules: "rules",
    ai: "AI",
    human: "human",
    none: "unclassified",
  };
  pieChart(
    page,
    text,
    { x: M + (W - 2 * M) * 0.62, y: M + 10, width: (W - 2 * M) * 0.38, height: chartTop - M - 10 },
    "Classified by",
    SOURCE_ORDER.map((k) => ({ label: labels[k]!, value: sources.get(k) ?? 0, color: SOURCE_COLORS[k]! })),
  );
  return page;
}

function tableHeader(out: PageContent, bold: PdfText): void {
  const y = TABLE_TOP;
  out.rect(M, y - 3, W - 2 * M, ROW, HEADER_FILL);
  let x = M;
  for (const c of COLUMNS) {
    out.text(c.title, x + 2, y, 7, bold.font, INK);
    x += c.width;
  }
}

function tableRow(out: PageContent, fonts: Fonts, row: ItemRow, y: number, i: number): void {
  const review = row.status === "needs_review";
  if (review) out.rect(M, y - 3, W - 2 * M, ROW, REVIEW_FILL);
  else if (i % 2 === 1) out.rect(M, y - 3, W - 2 * M, ROW, ZEBRA);
  let x = M;
  for (const c of COLUMNS) {
    const t = review && c.title === "Status" ? fonts.bold : fonts.text;
    const value = t.clean(c.value(row));
    if (value) {
      const size = c.whole ? t.sizeToFit(value, c.width - 4, 7, 4) : 7;
      const shown = c.whole ? value : t.fit(value, c.width - 4, size);
      if (shown) out.text(shown, x + 2, y, size, t.font, INK);
    }
    x += c.width;
  }
}

/**
 * The PDF report, built in the Worker with pdf-lib: a cover with the job's totals, a bar chart of
 * items per NCM chapter and a pie of sources, then the results table over as many pages as needed
 * (items needing review on an amber band), every page numbered. Table pages are written as raw
 * content streams (PageContent), so memory stays flat in the number of rows.
 */
export async function renderPdf(
  rows: ItemRow[],
  job: ReportJob,
  ncm: NcmDescriptions = new Map(),
): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  doc.setTitle(`partwise classification report ${job.id}`);
  doc.setProducer("partwise");
  doc.setCreationDate(job.finishedAt ?? new Date());
  const fonts: Fonts = {
    text: new PdfText(await doc.embedFont(StandardFonts.Helvetica)),
    bold: new PdfText(await doc.embedFont(StandardFonts.HelveticaBold)),
  };
  const tablePages = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE));
  const pageCount = 1 + tablePages;
  const coverPage = new PageContent(doc, cover(doc, fonts, rows, job, ncm));
  footer(coverPage, fonts.text.font, job, 1, pageCount);
  coverPage.finish();
  for (let p = 0; p < tablePages; p++) {
    const out = new PageContent(doc, doc.addPage([W, H]));
    out.text("Results", M, H - M - 14, 12, fonts.bold.font, INK);
    tableHeader(out, fonts.bold);
    const slice = rows.slice(p * ROWS_PER_PAGE, (p + 1) * ROWS_PER_PAGE);
    if (slice.length === 0)
      out.text("This job has no items.", M, TABLE_TOP - 2 * ROW, 9, fonts.text.font, MUTED);
    slice.forEach((row, i) => {
      tableRow(out, fonts, row, TABLE_TOP - (i + 1) * ROW, i);
    });
    footer(out, fonts.text.font, job, p + 2, pageCount);
    out.finish();
  }
  return (await doc.save()) as Uint8Array<ArrayBuffer>;
}
