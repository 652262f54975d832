import { SELF } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Frame, type JobEvent, parseFrame } from "../../src/shared/frames";
import { isFinalStatus } from "../../src/shared/jobs";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import {
  ai,
  createJob,
  loadNcmFixture,
  syntheticPartnumbers,
  waitFor,
  waitForFinal,
} from "./support/pipeline";

let tenant: TestTenant;

beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

afterEach(() => ai.reset());

/** A WebSocket client that records every frame it receives. */
async function connect(jobId: string, since: number) {
  const res = await SELF.fetch(`http://x/v1/jobs/${jobId}/ws?since=${since}`, {
    headers: authHeaders(tenant, { upgrade: "websocket" }),
  });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const frames: Frame[] = [];
  ws.addEventListener("message", (e) => {
    frames.push(parseFrame(e.data as string));
  });
  ws.accept();
  return { ws, frames, events: () => frames.filter((f): f is JobEvent => f.type !== "snapshot") };
}

async function eventLog(jobId: string): Promise<JobEvent[]> {
  const all: JobEvent[] = [];
  for (;;) {
    const res = await SELF.fetch(`http://x/v1/jobs/${jobId}/events?since=${all.at(-1)?.seq ?? 0}`, {
      headers: authHeaders(tenant),
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { events: JobEvent[]; lastSeq: number };
    if (page.events.length === 0) return all;
    all.push(...page.events);
  }
}

describe("live job frames", () => {
  it("a client that disconnects and reconnects with since gets every event exactly once, in order", async () => {
    await ai.control({ latencyMs: 80 });
    const { job } = await createJob(tenant, { partnumbers: syntheticPartnumbers(600, "WSOK") });

    const first = await connect(job.id, 0);
    await waitFor(async () => first.events().length >= 3);
    first.ws.close(1000, "bye");
    expect(first.frames[0]!.type).toBe("snapshot");
    const seen = first.events();
    const lastSeen = seen.at(-1)!.seq;

    // Let the job move on while nobody listens.
    await waitFor(async () => (await eventLog(job.id)).length > lastSeen + 2);

    const second = await connect(job.id, lastSeen);
    await waitFor(async () => second.events().some((f) => f.type === "status" && isFinalStatus(f.status)));
    second.ws.close(1000, "done");
    const snapshot = second.frames[0]!;
    expect(snapshot.type).toBe("snapshot");
    if (snapshot.type === "snapshot") expect(snapshot.job.id).toBe(job.id);

    const combined = [...seen, ...second.events()].map((f) => f.seq);
    const last = combined.at(-1)!;
    expect(combined).toEqual(Array.from({ length: last }, (_, i) => i + 1));

    // The REST event log is the same sequence.
    const log = await eventLog(job.id);
    expect(log.map((e) => e.seq)).toEqual(combined);
    // items frames carry every item exactly once; progress frames carry counters.
    const itemSeqs = log.flatMap((e) => (e.type === "items" ? e.items.map((i) => i.seq) : []));
    expect(new Set(itemSeqs).size).toBe(600);
    expect(itemSeqs).toHaveLength(600);
    const progress = log.filter((e) => e.type === "progress");
    expect(progress.at(-1)).toMatchObject({ counts: { total: 600, pending: 0 } });
    const statuses = log.flatMap((e) => (e.type === "status" ? [e.status] : []));
    expect(statuses[0]).toBe("classifying");
    expect(statuses.at(-1)).toBe("completed");
    await waitForFinal(tenant, job.id);
  }, 60_000);

  it("sends the whole job in the snapshot of a finished job", async () => {
    const { job } = await createJob(tenant, { partnumbers: ["SNAP-1", ""] });
    await waitForFinal(tenant, job.id);
    const c = await connect(job.id, 0);
    await waitFor(async () => c.events().some((f) => f.type === "status" && isFinalStatus(f.status)));
    c.ws.close();
    const snap = c.frames[0]!;
    expect(snap.type).toBe("snapshot");
    if (snap.type !== "snapshot") return;
    expect(snap.job).toMatchObject({
      id: job.id,
      status: "completed_with_errors",
      counts: { total: 2, invalid: 1 },
    });
    expect(snap.seq).toBe(c.events().at(-1)!.seq);
  });

  it("opens the WebSocket with a single-use ticket (browsers cannot send headers)", async () => {
    const { job } = await createJob(tenant, { partnumbers: ["TICKET-1"] });
    const issued = await SELF.fetch(`http://x/v1/jobs/${job.id}/ws-ticket`, {
      method: "POST",
      headers: authHeaders(tenant),
    });
    expect(issued.status).toBe(201);
    const { ticket } = (await issued.json()) as { ticket: string };
    const open = () =>
      SELF.fetch(`http://x/v1/jobs/${job.id}/ws?ticket=${encodeURIComponent(ticket)}`, {
        headers: { upgrade: "websocket" },
      });
    const res = await open();
    expect(res.status).toBe(101);
    res.webSocket!.accept();
    res.webSocket!.close();
    expect((await open()).status).toBe(401);
  });

  it("refuses a plain GET on the WebSocket route with 426", async () => {
    const { job } = await createJob(tenant, { partnumbers: ["PLAIN-1"] });
    const res = await SELF.fetch(`http://x/v1/jobs/${job.id}/ws`, { headers: authHeaders(tenant) });
    expect(res.status).toBe(426);
  });
});
