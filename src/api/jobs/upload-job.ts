import { pipelineConfig } from "../../config/pipeline";
import { createJob } from "../../jobs/create-job";
import { ApiError } from "../../lib/errors";
import type { AppContext } from "../create-app";
import { JobOptionsSchema } from "./jobs.schemas";
import { jobLinks } from "./links";
import { MIME_BY_TYPE, readUpload, sourceKey } from "./upload";

async function sha256Bytes(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * POST /v1/jobs with a document (multipart `file`, or a raw PDF/CSV/XLSX body): checks type and
 * size now, stores the original in R2 and answers 202; the JobActor extracts the part numbers.
 */
export async function createUploadJob(c: AppContext): Promise<Response> {
  const upload = await readUpload(c.req.raw, pipelineConfig(c.env).maxUploadBytes);
  const parsed = JobOptionsSchema.safeParse(upload.options ?? {});
  if (!parsed.success) {
    throw new ApiError(422, "validation_failed", "The job options are invalid.", {
      issues: parsed.error.issues,
    });
  }
  const idempotencyKey = c.req.header("idempotency-key") ?? null;
  if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 255)) {
    throw new ApiError(422, "validation_failed", "Idempotency-Key must be 1 to 255 characters.");
  }
  const { tenantId } = c.var.auth;
  const jobId = crypto.randomUUID();
  const key = sourceKey(tenantId, jobId, upload.fileName, upload.type);
  await c.env.FILES.put(key, upload.bytes, {
    httpMetadata: { contentType: MIME_BY_TYPE[upload.type] },
    customMetadata: { fileName: upload.fileName ?? "", jobId },
  });
  let created: Awaited<ReturnType<typeof createJob>>;
  try {
    created = await createJob(
      c.var.db(),
      c.env,
      c.var.auth,
      {
        items: [],
        options: parsed.data,
        idempotencyKey,
        source: { type: upload.type, key, name: upload.fileName },
        jobId,
      },
      // The same file and options replay the same job; the hash stands in for the bytes.
      { file: await sha256Bytes(upload.bytes), type: upload.type, options: parsed.data },
    );
  } catch (err) {
    await c.env.FILES.delete(key);
    throw err;
  }
  const { job, replayed } = created;
  if (replayed) {
    // The replayed job has its own stored copy of this same file.
    await c.env.FILES.delete(key);
    c.header("Idempotency-Replayed", "true");
  }
  c.header("Location", `/v1/jobs/${job.id}`);
  return c.json({ job, links: { ...jobLinks(job.id), source: `/v1/jobs/${job.id}/source` } }, 202);
}
