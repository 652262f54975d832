/**
 * The V8 heap of the local Worker's isolate, read over its DevTools inspector while a job runs.
 * Locally the Worker, its queue consumers and every JobActor share one isolate (workerd runs a
 * script's Durable Objects in the script's isolate), so this bounds each one's share of the 128 MB
 * isolate limit from above; workerd's RSS also counts the runtime and the other services.
 *
 * - `peakUsedMb`: the highest `usedSize` seen (polled): garbage not yet collected included.
 * - `peakLiveMb`: the highest `usedSize` right after a forced full GC (every `gcEveryMs`): what the
 *   isolate actually held, which is what the limit is about (V8 collects before it gives up).
 * Figures are kept per phase: `mark()` closes one (the job up to its final status) and starts the
 * next (what runs after it: the reports rendered from Postgres by the notify consumer).
 */
import WebSocket from "ws";

export interface HeapPhase {
  peakUsedMb: number;
  peakLiveMb: number;
  /** Seconds after the phase started when its live peak was seen. */
  peakLiveAtS: number;
  /** The live heap after the phase's last forced GC. */
  lastLiveMb: number;
  seconds: number;
}

export interface HeapProbe {
  /** The live heap after a full GC before anything was measured (code and module state). */
  startLiveMb: number;
  /** The live heap after the latest forced GC. */
  lastLiveMb(): number;
  /** Closes the current phase (with a forced GC) and starts the next. */
  mark(): Promise<HeapPhase>;
  stop(): Promise<HeapPhase & { samples: number; gcs: number; timeouts: number }>;
}

const MB = 1024 * 1024;
// An answer that does not come in time counts as no sample: the probe must never hold the bench up.
const CALL_TIMEOUT_MS = 5_000;

export async function startHeapProbe(
  inspectorPort: number,
  opts: {
    pollMs?: number;
    gcEveryMs?: number;
    /**
     * Makes the isolate run a task (e.g. a request to the Worker): V8 answers a forced GC from a
     * task it posts, and an idle workerd isolate does not run it until something wakes it up.
     */
    wake?: () => Promise<unknown>;
  } = {},
): Promise<HeapProbe> {
  const pollMs = opts.pollMs ?? 200;
  const gcEveryMs = opts.gcEveryMs ?? 2000;
  const ws = new WebSocket(`ws://127.0.0.1:${inspectorPort}/ws`);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  let nextId = 1;
  let timeouts = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (msg.id === undefined) return;
    waiting.get(msg.id)?.(msg.result);
    waiting.delete(msg.id);
  });
  const call = <T>(method: string): Promise<T | null> =>
    new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        timeouts++;
        resolve(null);
      }, CALL_TIMEOUT_MS);
      waiting.set(id, (r) => {
        clearTimeout(timer);
        resolve(r as T);
      });
      ws.send(JSON.stringify({ id, method }));
    });
  const used = async () => ((await call<{ usedSize: number }>("Runtime.getHeapUsage"))?.usedSize ?? 0) / MB;

  let samples = 0;
  let gcs = 0;
  const fresh = (): HeapPhase & { started: number } => ({
    peakUsedMb: 0,
    peakLiveMb: 0,
    peakLiveAtS: 0,
    lastLiveMb: 0,
    seconds: 0,
    started: performance.now(),
  });
  let phase = fresh();
  let lastLive = 0;
  /** A forced full GC, then the heap's size: null when the inspector did not answer. */
  const live = async (): Promise<number | null> => {
    const gc = call("HeapProfiler.collectGarbage");
    await opts.wake?.().catch(() => null);
    if ((await gc) === null) return null;
    gcs++;
    const mb = await used();
    lastLive = mb;
    phase.lastLiveMb = mb;
    if (mb > phase.peakLiveMb) {
      phase.peakLiveMb = mb;
      phase.peakLiveAtS = (performance.now() - phase.started) / 1000;
    }
    phase.peakUsedMb = Math.max(phase.peakUsedMb, mb);
    return mb;
  };
  // The first commands after connecting can go unanswered (wrangler's inspector proxy is still
  // wiring the socket up): ask until one is answered before measuring anything.
  await call("HeapProfiler.enable");
  for (let i = 0; i < 5 && (await call("Runtime.getHeapUsage")) === null; i++);
  timeouts = 0;
  const startLiveMb = (await live()) ?? 0;
  phase = fresh();
  let lastGc = performance.now();
  let stopped = false;
  // One sample at a time: a slow answer (the isolate busy) delays the next poll instead of piling up.
  const loop = (async () => {
    while (!stopped) {
      if (performance.now() - lastGc >= gcEveryMs) {
        await live();
        lastGc = performance.now();
      } else {
        phase.peakUsedMb = Math.max(phase.peakUsedMb, await used());
        samples++;
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  const close = async (): Promise<HeapPhase> => {
    await live();
    const { started, ...done } = phase;
    done.seconds = (performance.now() - started) / 1000;
    phase = fresh();
    return done;
  };
  return {
    startLiveMb,
    lastLiveMb: () => lastLive,
    mark: close,
    async stop() {
      stopped = true;
      await loop;
      const done = await close();
      ws.close();
      return { ...done, samples, gcs, timeouts };
    },
  };
}
