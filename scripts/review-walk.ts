/**
 * `npm run walk:review -- [--api http://127.0.0.1:8787] [--key <API key>] [--fake-ai <session URL>]`
 * walks issue 12's "Done when" against a running stack (`npm run dev`) and prints what each step
 * answered: a job whose item the rules cannot place ends needs_review, the review queue lists it
 * with candidates, an override to 85423190, the job's counts, a second job served from the catalog
 * with no AI call, the NCM text search, and the part number's history.
 *
 * With `--fake-ai` (the fake AI server's session URL, the stack's AI_BASE_URL without `/v1`), the
 * first job's AI answer is scripted to a code outside the NCM table, and the AI requests made by
 * the second job are counted. Part numbers are invented per run. Exits 1 when a step disagrees.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    api: { type: "string", default: "http://127.0.0.1:8787" },
    key: {
      type: "string",
      default: process.env.PARTWISE_API_KEY ?? "pw_dev_0123456789abcdefghijklmnopqrstuv",
    },
    "fake-ai": { type: "string" },
  },
});
const api = values.api.replace(/\/+$/, "");
const fakeAi = values["fake-ai"]?.replace(/\/+$/, "");
let failures = 0;

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${values.key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

function step(name: string, ok: boolean, shown: unknown): void {
  if (!ok) failures++;
  console.log(
    `${ok ? "ok  " : "FAIL"} ${name}: ${typeof shown === "string" ? shown : JSON.stringify(shown)}`,
  );
}

type Counts = Record<string, number>;
type Job = { id: string; status: string; counts: Counts };
type Classification = { ncm: string; source: string; confidence: number } | null;
type Item = {
  id: string;
  seq: number;
  partnumber: string;
  status: string;
  reason: string | null;
  classification: Classification;
};

async function finished(jobId: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const { body } = await call<Job>("GET", `/v1/jobs/${jobId}`);
    if (/^(completed|completed_with_errors|failed|cancelled)$/.test(body.status)) return body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${jobId} did not finish within 2 minutes`);
}

async function runJob(partnumber: string, description: string): Promise<{ job: Job; item: Item }> {
  const created = await call<{ job: Job }>("POST", "/v1/jobs", { items: [{ partnumber, description }] });
  if (created.status !== 202) throw new Error(`POST /v1/jobs answered ${created.status}`);
  const job = await finished(created.body.job.id);
  const items = await call<{ items: Item[] }>("GET", `/v1/jobs/${job.id}/items`);
  return { job, item: items.body.items[0]! };
}

const aiRequests = async () =>
  fakeAi ? ((await (await fetch(`${fakeAi}/__stats`)).json()) as { requests: number }).requests : null;

async function main(): Promise<void> {
  const pn = `PW-WALK-${randomBytes(3).toString("hex").toUpperCase()}`;
  // Words no rule maps to a code; the fake AI (if any) is told to answer a code outside the table.
  if (fakeAi)
    await fetch(`${fakeAi}/__control`, { method: "POST", body: JSON.stringify({ script: ["invalid_ncm"] }) });
  const first = await runJob(pn, "modulo eletronico de ensaio");
  step(`job ${first.job.id} item ${first.item.id}`, first.item.status === "needs_review", {
    status: first.item.status,
    reason: first.item.reason,
    guess: first.item.classification?.ncm ?? null,
  });

  const queue = await call<{ items: (Item & { candidates: { code: string }[] })[] }>(
    "GET",
    `/v1/review?jobId=${first.job.id}`,
  );
  const listed = queue.body.items.find((i) => i.id === first.item.id);
  step("GET /v1/review", queue.status === 200 && !!listed && listed.candidates.length > 0, {
    status: queue.status,
    listed: !!listed,
    candidates: listed?.candidates.slice(0, 5).map((c) => c.code),
  });

  const decided = await call<{ item: Item }>("POST", `/v1/items/${first.item.id}/review`, {
    action: "override",
    ncm: "85423190",
  });
  step(`POST /v1/items/${first.item.id}/review override 85423190`, decided.status === 200, {
    status: decided.status,
    itemStatus: decided.body.item?.status,
    ncm: decided.body.item?.classification?.ncm,
    source: decided.body.item?.classification?.source,
    confidence: decided.body.item?.classification?.confidence,
  });

  const job = await call<Job>("GET", `/v1/jobs/${first.job.id}`);
  step(
    `GET /v1/jobs/${first.job.id}`,
    job.body.counts.classified === 1 && job.body.counts.needs_review === 0,
    {
      status: job.body.status,
      counts: job.body.counts,
    },
  );

  const before = await aiRequests();
  const second = await runJob(pn, "modulo eletronico de ensaio");
  const after = await aiRequests();
  const c = second.item.classification;
  step(
    `second job ${second.job.id}`,
    c?.ncm === "85423190" && c.source === "human" && (before === null || after === before),
    {
      ncm: c?.ncm,
      source: c?.source,
      aiRequests: before === null ? "not counted (no --fake-ai)" : after! - before,
    },
  );

  const search = await call<{ items: { code: string; description: string }[] }>(
    "GET",
    `/v1/ncm?query=${encodeURIComponent("capacitor ceramico multicamadas")}`,
  );
  const top = search.body.items.slice(0, 5).map((h) => h.code);
  step("GET /v1/ncm?query=capacitor ceramico multicamadas", top[0]?.startsWith("853224") === true, top);

  const entry = await call<{ history: { ncm: string; source: string; status: string; createdBy: string }[] }>(
    "GET",
    `/v1/partnumbers/${encodeURIComponent(pn)}`,
  );
  step(
    `GET /v1/partnumbers/${pn}`,
    entry.status === 200 && entry.body.history.length >= 2,
    entry.body.history.map((h) => `${h.ncm} ${h.source} ${h.status} by ${h.createdBy}`),
  );
  console.log(`walk: steps=7 failed=${failures}`);
  process.exit(failures ? 1 : 0);
}

main().catch((err) => {
  console.error(`walk failed: ${(err as Error).message}`);
  process.exit(1);
});
