import type { Db } from "../../db/client";
import { getJobRow } from "../../jobs/repo";
import {
  loadNcmDescriptions,
  loadReportRows,
  REPORT_MIME,
  type ReportVariant,
  renderReport,
  reportJob,
  reportKey,
} from "../../reports";
import { LINK_TTL_SECONDS, linkQuery, verifyLink } from "../../reports/links";
import { isFinalStatus } from "../../shared/jobs";
import { type AppContext, createRouter } from "../create-app";
import { reportFileRoute, reportLinkRoute, reportRoute } from "./reports.routes";

function fileHeaders(jobId: string, v: ReportVariant, cache: "hit" | "miss" | "partial") {
  const suffix = v.locale === "default" ? "" : `-${v.locale}`;
  return {
    "Content-Type": REPORT_MIME[v.format],
    "Content-Disposition": `attachment; filename="partwise-${jobId.slice(0, 8)}${suffix}.${v.format}"`,
    "Cache-Control": "private, no-store",
    "X-Report-Cache": cache,
  };
}

/** A finished job's report from R2 (rendered and stored on a miss); a running job's snapshot otherwise. */
async function serveReport(c: AppContext, db: Db, tenantId: string, jobId: string, variant: ReportVariant) {
  const job = await getJobRow(db, tenantId, jobId);
  const final = isFinalStatus(job.status);
  const key = reportKey(tenantId, jobId, variant);
  if (final) {
    const stored = await c.env.FILES.get(key);
    if (stored) return c.body(stored.body, 200, fileHeaders(jobId, variant, "hit"));
  }
  const rows = await loadReportRows(db, tenantId, jobId);
  const bytes = await renderReport(rows, variant, reportJob(job), await loadNcmDescriptions(db, rows));
  if (final) {
    await c.env.FILES.put(key, bytes, { httpMetadata: { contentType: REPORT_MIME[variant.format] } });
  }
  return c.body(bytes, 200, fileHeaders(jobId, variant, final ? "miss" : "partial"));
}

/** GET /v1/jobs/:id/report and /report-link (any role that can read the job). */
export const reportsRouter = createRouter()
  .openapi(reportRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { format, locale } = c.req.valid("query");
    return serveReport(c, c.var.db(), c.var.auth.tenantId, id, {
      format,
      locale: format === "csv" ? locale : "default",
    });
  })
  .openapi(reportLinkRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { format, locale } = c.req.valid("query");
    const { tenantId } = c.var.auth;
    await getJobRow(c.var.db(), tenantId, id);
    const expires = Math.floor(Date.now() / 1000) + LINK_TTL_SECONDS;
    const claims = {
      tenantId,
      jobId: id,
      format,
      locale: format === "csv" ? locale : "default",
      expires,
    } as const;
    const query = await linkQuery(c.env.REPORT_LINK_SECRET, claims);
    const url = new URL(`/v1/report-files/${id}?${query}`, c.req.url).toString();
    return c.json({ url, expiresAt: new Date(expires * 1000).toISOString(), format }, 200);
  });

/** GET /v1/report-files/:id: public, authorised by the link's signature alone. */
export const reportFilesRouter = createRouter().openapi(reportFileRoute, async (c) => {
  const { id } = c.req.valid("param");
  const q = c.req.valid("query");
  const variant: ReportVariant = { format: q.format, locale: q.format === "csv" ? q.locale : "default" };
  await verifyLink(
    c.env.REPORT_LINK_SECRET,
    { tenantId: q.tenant, jobId: id, ...variant, expires: q.expires },
    q.signature,
  );
  return serveReport(c, c.var.db(), q.tenant, id, variant);
});
