import { useEffect, useState } from "preact/hooks";
import { ApiFailure, fetchBlob, saveBlob } from "../lib/api";
import type { T } from "../lib/i18n";

type Source = { kind: "pdf" | "text" | "file"; url: string; text?: string; blob: Blob; name: string };

/** The uploaded original beside the results: PDFs inline, CSV as text, XLSX as a download. */
export function SourcePanel({ jobId, t }: { jobId: string; t: T }) {
  const [source, setSource] = useState<Source | null | "none">(null);
  useEffect(() => {
    let url: string | null = null;
    fetchBlob(`/v1/jobs/${jobId}/source`)
      .then(async ({ blob, name }) => {
        url = URL.createObjectURL(blob);
        const type = blob.type;
        const kind = type === "application/pdf" ? "pdf" : type.startsWith("text/") ? "text" : "file";
        const text = kind === "text" ? await blob.slice(0, 20_000).text() : undefined;
        setSource({ kind, url, text, blob, name: name ?? "source" });
      })
      .catch((err) => setSource(err instanceof ApiFailure && err.status === 404 ? "none" : null));
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [jobId]);
  if (source === null) return null;
  return (
    <aside class="card source" aria-labelledby="source-title">
      <h2 id="source-title">{t("original")}</h2>
      {source === "none" ? (
        <p class="muted">{t("noSource")}</p>
      ) : (
        <>
          {source.kind === "pdf" && <iframe title={source.name} src={source.url} />}
          {source.kind === "text" && <pre>{source.text}</pre>}
          <button type="button" class="secondary" onClick={() => saveBlob(source.blob, source.name)}>
            {t("downloadOriginal")}
          </button>
        </>
      )}
    </aside>
  );
}
