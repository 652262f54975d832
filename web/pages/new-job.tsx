import { useRef, useState } from "preact/hooks";
import { ErrorNote, Page } from "../components/ui";
import { createJob, type Job } from "../lib/api";
import { useT } from "../lib/i18n";
import { navigate } from "../lib/route";

const ACCEPTED = /\.(pdf|csv|xlsx)$/i;

async function uploadFile(file: File): Promise<Job> {
  const body = new FormData();
  body.set("file", file, file.name);
  return (await createJob(body)).job;
}

export function splitPartnumbers(text: string): string[] {
  return text
    .split(/[\n,;\t]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function NewJob() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [created, setCreated] = useState<Array<{ id: string; name: string }>>([]);
  const [errors, setErrors] = useState<unknown[]>([]);
  const [text, setText] = useState("");

  async function send(files: File[]) {
    const made: Array<{ id: string; name: string }> = [];
    const failed: unknown[] = [];
    for (const file of files) {
      if (!ACCEPTED.test(file.name)) {
        failed.push(new Error(t("unsupportedFile", { name: file.name })));
        continue;
      }
      setBusy(t("uploading", { name: file.name }));
      try {
        made.push({ id: (await uploadFile(file)).id, name: file.name });
      } catch (err) {
        failed.push(err);
      }
    }
    setBusy(null);
    setErrors(failed);
    setCreated(made);
    if (made.length === 1 && failed.length === 0) navigate(`/jobs/${made[0]!.id}`);
  }

  async function paste(e: Event) {
    e.preventDefault();
    const partnumbers = splitPartnumbers(text);
    if (partnumbers.length === 0) return;
    try {
      const { job } = await createJob({ partnumbers });
      navigate(`/jobs/${job.id}`);
    } catch (err) {
      setErrors([err]);
    }
  }

  return (
    <Page title={t("newJobTitle")}>
      {/* Dropping is a pointer shortcut; the "choose files" button is the keyboard path to the same input. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target, not a control */}
      <div
        class={`drop ${over ? "over" : ""}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void send([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <p>
          {t("dropHere")}{" "}
          <button type="button" class="link" onClick={() => input.current?.click()}>
            {t("chooseFiles")}
          </button>
        </p>
        <p class="muted">{t("dropHelp")}</p>
        <label class="sr-only" for="files">
          {t("chooseFiles")}
        </label>
        <input
          id="files"
          ref={input}
          type="file"
          class="sr-only"
          multiple
          accept=".pdf,.csv,.xlsx,application/pdf,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void send([...(e.currentTarget.files ?? [])])}
        />
        {busy && <p aria-live="polite">{busy}</p>}
      </div>
      {errors.map((err, i) => (
        <ErrorNote key={i} error={err} />
      ))}
      {created.length > 0 && (
        <div class="card" aria-live="polite">
          <h2>{t("createdJobs")}</h2>
          <ul>
            {created.map((c) => (
              <li key={c.id}>
                <a href={`#/jobs/${c.id}`}>{c.name}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form class="card" onSubmit={paste}>
        <label>
          {t("pasteLabel")}
          <textarea rows={6} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={splitPartnumbers(text).length === 0}>
          {t("classify")}
        </button>
      </form>
    </Page>
  );
}
