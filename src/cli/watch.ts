import WebSocket from "ws";
import { type Frame, parseFrame } from "../shared/frames";
import { isFinalStatus, type JobCounts, type JobView } from "../shared/jobs";
import type { Client } from "./client";

const MAX_RECONNECTS = 8;
/** A frame lost between two servers (or a socket that stays open but silent) must not hang a script. */
const POLL_MS = 5_000;

/**
 * Follows a job over its WebSocket (Authorization header: a non-browser client needs no ticket) until
 * its status is final, calling onCounts on every snapshot/progress frame. Alongside the socket the job
 * is re-read every few seconds, so a missed final frame costs seconds, not forever. A dropped
 * connection is reopened with `since=<last event seq>`; reconnects are bounded (they reset only when
 * frames arrive), and `timeoutMs` bounds the whole wait.
 */
export async function waitForJob(
  client: Client,
  jobId: string,
  onCounts: (counts: JobCounts, status: string) => void,
  timeoutMs = 0,
): Promise<JobView> {
  const readJob = async (): Promise<JobView> => {
    const res = await client.api.v1.jobs[":id"].$get({ param: { id: jobId } });
    if (!res.ok) throw new Error(`could not read job ${jobId}: HTTP ${res.status}`);
    return res.json();
  };
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY;
  let since = 0;
  let status = "";
  let finished = false;
  for (let failures = 0; !finished && failures <= MAX_RECONNECTS && Date.now() < deadline; ) {
    if (failures > 0) await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** (failures - 1))));
    let progressed = false;
    finished = await new Promise<boolean>((resolve) => {
      const url = new URL(`/v1/jobs/${jobId}/ws`, client.config.apiUrl);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      url.searchParams.set("since", String(since));
      const ws = new WebSocket(url, { headers: { authorization: `Bearer ${client.config.apiKey}` } });
      let done = false;
      const finish = () => {
        done = true;
        ws.close();
      };
      const poll = setInterval(() => {
        if (Date.now() >= deadline) return ws.terminate();
        readJob().then(
          (job) => {
            if (!isFinalStatus(job.status)) return;
            status = job.status;
            finish();
          },
          () => {},
        );
      }, POLL_MS);
      ws.on("message", (data) => {
        let frame: Frame;
        try {
          frame = parseFrame(String(data));
        } catch {
          return;
        }
        progressed = true;
        if (frame.type !== "snapshot") since = Math.max(since, frame.seq);
        if (frame.type === "snapshot") {
          status = frame.job.status;
          onCounts(frame.job.counts, status);
        } else if (frame.type === "progress") onCounts(frame.counts, status);
        else if (frame.type === "status") status = frame.status;
        if (status && isFinalStatus(status as JobView["status"])) finish();
      });
      ws.on("error", () => {});
      ws.on("close", () => {
        clearInterval(poll);
        resolve(done);
      });
    });
    failures = progressed ? 1 : failures + 1;
  }
  const job = await readJob();
  onCounts(job.counts, job.status);
  if (!isFinalStatus(job.status)) {
    if (Date.now() >= deadline) {
      throw new Error(`job ${jobId} is still ${job.status} after ${Math.round(timeoutMs / 1000)} s`);
    }
    throw new Error(`lost the connection to job ${jobId} (still ${job.status})`);
  }
  return job;
}
