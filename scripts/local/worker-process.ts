import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** How scripts/local/worker.ts runs the Worker (passed as JSON in WORKER_OPTIONS_ENV). */
export interface WorkerOptions {
  config: string;
  ip: string;
  port: number;
  /** Where local DO/Queue/R2 state lives; false keeps it in memory. */
  persistTo: string | false;
  vars: Record<string, string>;
  /** DevTools inspector port; absent means no inspector. */
  inspectorPort?: number;
  /** Rebuild and reload on source changes (dev); the bench runs a fixed bundle. */
  watch: boolean;
  logLevel?: "debug" | "info" | "log" | "warn" | "error" | "none";
}

export const WORKER_OPTIONS_ENV = "PARTWISE_WORKER_OPTIONS";

/**
 * Starts the local Worker in a process group of its own (so the whole group, workerd included, can
 * be signalled, and its memory measured).
 */
export function spawnLocalWorker(opts: WorkerOptions, stdio: StdioOptions): ChildProcess {
  return spawn(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/local/worker.ts")], {
    cwd: ROOT,
    detached: true,
    stdio,
    env: {
      ...process.env,
      [WORKER_OPTIONS_ENV]: JSON.stringify(opts),
      WRANGLER_SEND_METRICS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
    },
  });
}

/** The workerd processes under `pid` (the runtime that holds the isolates), from /proc (Linux only). */
export function workerdPids(pid: number): number[] {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      names.set(Number(entry), stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const todo = [pid];
  while (todo.length > 0) {
    const p = todo.pop()!;
    if (names.get(p) === "workerd") out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

/** A memory figure of /proc/<pid>/status in MB: VmRSS (now) or VmHWM (peak so far). */
export function statusMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) `pid` has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 (11 and 12 after the state field), in clock ticks.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
