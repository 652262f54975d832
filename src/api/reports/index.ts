import { getJobRow } from "../../jobs/repo";
import { createRouter } from "../../lib/create-app";
import { loadReportRows, REPORT_MIME, type ReportFormat, renderReport, reportKey } from "../../reports";
import { isFinalStatus } from "../../shared/jobs";
import { reportRoute } from "./reports.routes";

function fileHeaders(jobId: string, format: ReportFormat, cache: "hit" | "miss" | "partial") {
  return {
    "Content-Type": REPORT_MIME[format],
    "Content-Disposition": `attachment; filename="partwise-${jobId.slice(0, 8)}.${format}"`,
    "Cache-Control": "private, no-store",
    "X-Report-Cache": cache,
  };
}

/** GET /v1/jobs/:id/report: finished jobs' reports are rendered once and kept in R2. */
export const reportsRouter = createRouter().openapi(reportRoute, async (c) => {
  const { id } = c.req.valid("param");
  const { format } = c.req.valid("query");
  const { tenantId } = c.var.auth;
  const job = await getJobRow(c.var.db(), tenantId, id);
  const final = isFinalStatus(job.status);
  const key = reportKey(tenantId, id, format);
  if (final) {
    const stored = await c.env.FILES.get(key);
    if (stored) return c.body(stored.body, 200, fileHeaders(id, format, "hit"));
  }
  const bytes = renderReport(await loadReportRows(c.var.db(), tenantId, id), format);
  if (final) {
    await c.env.FILES.put(key, bytes, { httpMetadata: { contentType: REPORT_MIME[format] } });
  }
  return c.body(bytes, 200, fileHeaders(id, format, final ? "miss" : "partial"));
});
