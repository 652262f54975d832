import { type Frame, parseFrame } from "../../src/shared/frames";
import { api, ok } from "./api";

export type SocketState = "connecting" | "live" | "reconnecting" | "offline" | "closed";

const MAX_ATTEMPTS = 8;

/**
 * Follows a job over its WebSocket (ticket flow: POST …/ws-ticket, then …/ws?ticket=). On a drop it
 * reconnects with `since=<last event seq seen>`, so the replay fills exactly the gap: the snapshot's seq
 * is not used for this, because events up to it may still be on their way when the socket drops.
 * Reconnects back off and stop after MAX_ATTEMPTS (state `offline`; call `retry`).
 */
export function watchJob(
  jobId: string,
  onFrame: (frame: Frame) => void,
  onState: (state: SocketState) => void,
) {
  let since = 0;
  let attempt = 0;
  let stopped = false;
  let finished = false;
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function connect() {
    onState(attempt === 0 ? "connecting" : "reconnecting");
    try {
      const ticket = await ok(await api.v1.jobs[":id"]["ws-ticket"].$post({ param: { id: jobId } }));
      if (stopped) return;
      const url = new URL(ticket.url, location.origin);
      url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
      url.searchParams.set("since", String(since));
      socket = new WebSocket(url);
    } catch {
      return retryLater();
    }
    socket.onopen = () => {
      attempt = 0;
      onState("live");
    };
    socket.onmessage = (ev) => {
      let frame: Frame;
      try {
        frame = parseFrame(String(ev.data));
      } catch {
        return; // a frame type this client does not know yet
      }
      if (frame.type !== "snapshot") since = Math.max(since, frame.seq);
      const status =
        frame.type === "snapshot" ? frame.job.status : frame.type === "status" ? frame.status : null;
      if (status && ["completed", "completed_with_errors", "failed", "cancelled"].includes(status))
        finished = true;
      onFrame(frame);
    };
    socket.onclose = () => {
      socket = null;
      if (stopped) return;
      if (finished) return onState("closed");
      retryLater();
    };
  }

  function retryLater() {
    if (stopped) return;
    attempt += 1;
    if (attempt > MAX_ATTEMPTS) return onState("offline");
    onState("reconnecting");
    timer = setTimeout(() => void connect(), Math.min(15_000, 500 * 2 ** (attempt - 1)));
  }

  void connect();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    },
    retry() {
      attempt = 0;
      void connect();
    },
    /** Test and debugging hook: drop the connection as a network failure would. */
    drop() {
      socket?.close();
    },
  };
}
