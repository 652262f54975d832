import { detectFileType } from "../../extract";
import type { FileType } from "../../extract/types";
import { ApiError } from "../../lib/errors";

/** Content types accepted as a raw request body, and the file type each one must contain. */
export const RAW_UPLOAD_TYPES: Record<string, FileType> = {
  "application/pdf": "pdf",
  "text/csv": "csv",
  "application/csv": "csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const MIME_BY_TYPE: Record<FileType, string> = {
  pdf: "application/pdf",
  csv: "text/csv",
  xlsx: XLSX_MIME,
};

/** Form fields a multipart upload may carry; anything else is rejected rather than ignored. */
const FORM_FIELDS = new Set(["file", "options"]);
/** Room for multipart boundaries and the options field on top of the file-size limit. */
const MULTIPART_OVERHEAD = 64 * 1024;

export interface Upload {
  bytes: Uint8Array;
  type: FileType;
  fileName: string | null;
  /** The `options` form field (multipart) or query parameters (raw body), not yet validated. */
  options: unknown;
}

export function mediaType(header: string | undefined): string {
  return header?.split(";")[0]?.trim().toLowerCase() ?? "";
}

export function isUploadRequest(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === "multipart/form-data" || type in RAW_UPLOAD_TYPES;
}

const tooLarge = (limit: number) =>
  new ApiError(413, "payload_too_large", `The file is larger than the ${limit}-byte limit.`, { limit });

/** Reads a body stream up to `limit` bytes; one byte more is a 413, without buffering the rest. */
async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function checkDeclaredLength(req: Request, limit: number): void {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
}

/** The type is decided by the content (magic bytes), never by the file name or declared type alone. */
function detect(bytes: Uint8Array, declared: FileType | null): FileType {
  if (bytes.byteLength === 0) throw new ApiError(422, "empty_file", "The uploaded file is empty.");
  const type = detectFileType(bytes);
  if (!type) {
    throw new ApiError(415, "unsupported_media_type", "The file is not a PDF, CSV or XLSX document.");
  }
  if (declared && declared !== type) {
    throw new ApiError(
      415,
      "content_type_mismatch",
      `The body was declared as ${declared.toUpperCase()} but its content is ${type.toUpperCase()}.`,
      { declared, detected: type },
    );
  }
  return type;
}

function parseOptionsField(raw: File | string | null): unknown {
  if (raw === null) return undefined;
  if (typeof raw !== "string")
    throw new ApiError(422, "validation_failed", "The options field must be JSON text.");
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiError(400, "malformed_json", "The options field is not valid JSON.");
  }
}

/** Raw bodies carry options as query parameters: ?reclassify=true&priority=high&runAt=…&sheet=… */
function optionsFromQuery(url: URL): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    if (key === "reclassify" || key === "aiExtraction") out[key] = value === "true" || value === "1";
    else if (key === "sheet" && /^\d+$/.test(value)) out[key] = Number(value);
    else out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Reads a multipart (`file` + optional `options` field) or raw PDF/CSV/XLSX upload. */
export async function readUpload(req: Request, maxBytes: number): Promise<Upload> {
  const type = mediaType(req.headers.get("content-type") ?? undefined);
  if (type === "multipart/form-data") {
    checkDeclaredLength(req, maxBytes + MULTIPART_OVERHEAD);
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw new ApiError(400, "malformed_multipart", "The multipart body could not be parsed.");
    }
    const unknown = [...new Set(form.keys())].filter((k) => !FORM_FIELDS.has(k));
    if (unknown.length) {
      throw new ApiError(422, "validation_failed", `Unknown form field(s): ${unknown.join(", ")}.`, {
        unknown,
      });
    }
    // workers-types declare get() as string-only; a file field is a File at run time.
    const file = form.get("file") as unknown as File | string | null;
    if (!file || typeof file === "string") {
      throw new ApiError(422, "file_required", "Send the document in a form field named `file`.");
    }
    if (file.size > maxBytes) throw tooLarge(maxBytes);
    const bytes = new Uint8Array(await file.arrayBuffer());
    return {
      bytes,
      type: detect(bytes, null),
      fileName: file.name || null,
      options: parseOptionsField(form.get("options") as unknown as File | string | null),
    };
  }
  const declared = RAW_UPLOAD_TYPES[type];
  if (!declared) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      `Content-Type ${type || "(none)"} is not accepted here.`,
    );
  }
  checkDeclaredLength(req, maxBytes);
  const bytes = await readCapped(req.body, maxBytes);
  const disposition = req.headers.get("content-disposition") ?? "";
  const fileName = disposition.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)?.[1] ?? null;
  return { bytes, type: detect(bytes, declared), fileName, options: optionsFromQuery(new URL(req.url)) };
}

/** R2 key of a job's uploaded original: sources/<tenant>/<job>/<file name>. */
export function sourceKey(tenantId: string, jobId: string, fileName: string | null, type: FileType): string {
  const safe = (fileName ?? "")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(0, 120);
  return `sources/${tenantId}/${jobId}/${safe || `source.${type}`}`;
}
