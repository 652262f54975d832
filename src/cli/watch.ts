import WebSocket from "ws";
import { type Frame, parseFrame } from "../shared/frames";
import { isFinalStatus, type JobCounts, type JobView } from "../shared/jobs";
import type { Client } from "./client";

const MAX_ATTEMPTS = 8;

/**
 * Follows a job over its WebSocket (Authorization header: a non-browser client needs no ticket) until
 * its status is final, calling onCounts on every snapshot/progress frame. A dropped connection is
 * reopened with `since=<last event seq>` (bounded attempts with backoff); then the job is re-read.
 */
export async function waitForJob(
  client: Client,
  jobId: string,
  onCounts: (counts: JobCounts, status: string) => void,
): Promise<JobView> {
  let since = 0;
  let status = "";
  for (let attempt = 0; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** (attempt - 1))));
    const finished = await new Promise<boolean>((resolve) => {
      const url = new URL(`/v1/jobs/${jobId}/ws`, client.config.apiUrl);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      url.searchParams.set("since", String(since));
      const ws = new WebSocket(url, { headers: { authorization: `Bearer ${client.config.apiKey}` } });
      let done = false;
      ws.on("open", () => {
        attempt = 0;
      });
      ws.on("message", (data) => {
        let frame: Frame;
        try {
          frame = parseFrame(String(data));
        } catch {
          return;
        }
        if (frame.type !== "snapshot") since = Math.max(since, frame.seq);
        if (frame.type === "snapshot") {
          status = frame.job.status;
          onCounts(frame.job.counts, status);
        } else if (frame.type === "progress") onCounts(frame.counts, status);
        else if (frame.type === "status") status = frame.status;
        if (status && isFinalStatus(status as JobView["status"])) {
          done = true;
          ws.close();
        }
      });
      ws.on("error", () => {});
      ws.on("close", () => resolve(done));
    });
    if (finished) break;
  }
  const res = await client.api.v1.jobs[":id"].$get({ param: { id: jobId } });
  if (!res.ok) throw new Error(`could not read job ${jobId}: HTTP ${res.status}`);
  const job = await res.json();
  onCounts(job.counts, job.status);
  if (!isFinalStatus(job.status))
    throw new Error(`lost the connection to job ${jobId} (still ${job.status})`);
  return job;
}
