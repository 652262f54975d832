/** Drills of the live feed and of poison input. */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import WebSocket from "ws";
import { xlsxWorkbook } from "../../test/extract/fixtures/xlsx";
import { createJob, drillLine, isFinal, partnumbers, tally, waitUntil } from "./client";
import type { Stack } from "./stack";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** 200 WebSocket clients on one job: each gets every item once and the final status frame. */
export async function wsFanout(stack: Stack) {
  const clients = env("DRILL_CLIENTS", 200);
  const n = env("DRILL_ITEMS", 200);
  const started = Date.now();
  const job = await createJob(stack, {
    partnumbers: partnumbers(n, "ZQXW"),
    options: { runAt: new Date(Date.now() + 15_000).toISOString() },
  });
  const wsUrl = `${stack.base.replace("http", "ws")}/v1/jobs/${job.id}/ws`;
  const results = await Promise.all(
    Array.from(
      { length: clients },
      () =>
        new Promise<{ ok: boolean; seen: Map<number, number>; final: boolean; error?: string }>((resolve) => {
          const seen = new Map<number, number>();
          const ws = new WebSocket(wsUrl, { headers: { authorization: stack.headers.authorization! } });
          const timer = setTimeout(() => {
            ws.terminate();
            resolve({ ok: false, seen, final: false, error: "timeout" });
          }, 300_000);
          ws.on("message", (data) => {
            const f = JSON.parse(String(data)) as {
              type: string;
              status?: string;
              items?: { seq: number; status: string }[];
            };
            if (f.type === "items")
              for (const it of f.items ?? []) seen.set(it.seq, (seen.get(it.seq) ?? 0) + 1);
            if (f.type === "status" && f.status && isFinal(f.status)) {
              clearTimeout(timer);
              ws.close();
              resolve({ ok: true, seen, final: true });
            }
          });
          ws.on("error", (err) => {
            clearTimeout(timer);
            resolve({ ok: false, seen, final: false, error: String(err) });
          });
        }),
    ),
  );
  const done = await waitUntil(stack, job.id, (j) => isFinal(j.status), 120_000);
  // Pending items are not sent as results, so only decided items (and each exactly once) count.
  const decided = done ? done.counts.total - done.counts.invalid : n;
  const connected = results.filter((r) => r.ok).length;
  const complete = results.filter((r) => r.final && r.seen.size === decided).length;
  const doubled = results.filter((r) => [...r.seen.values()].some((c) => c > 1)).length;
  const t = await tally(stack, job.id, n);
  const ok = connected === clients && complete === clients && doubled === 0 && t.lost === 0;
  const errors = results.filter((r) => r.error).map((r) => r.error);
  return {
    line: drillLine(
      "ws-fanout",
      { ...t, duplicated: t.duplicated + doubled },
      done?.status ?? "unknown",
      started,
      ok,
    ),
    ok,
    note: `${connected}/${clients} connected and got the final frame, ${complete} got every item, ${doubled} saw an item twice ${errors.slice(0, 2).join("; ")}`,
  };
}

/** Poison inputs: each is refused with a 4xx or its job is final within 60 s; no 5xx. */
export async function poison(stack: Stack) {
  const started = Date.now();
  const xlsx = xlsxWorkbook([
    {
      name: "P",
      rows: [
        ["Part Number", "Qty"],
        ["MARKERX", 1],
      ],
    },
  ]);
  const cases: { name: string; type: string; body: BodyInit }[] = [
    {
      name: "nul-json",
      type: "application/json",
      body: JSON.stringify({ partnumbers: ["AB\u0000C", "LM317T"] }),
    },
    {
      name: "c1-json",
      type: "application/json",
      body: JSON.stringify({ items: [{ partnumber: "X\u0085Y", description: "\u0000" }] }),
    },
    {
      name: "nul-description",
      type: "application/json",
      body: JSON.stringify({ items: [{ partnumber: "PSN-1", description: "a\u0000b" }] }),
    },
    {
      name: "truncated-pdf",
      type: "application/pdf",
      body: new TextEncoder().encode("%PDF-1.7\n1 0 obj <<"),
    },
    {
      name: "binary-csv",
      type: "text/csv",
      body: new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)),
    },
    {
      name: "nul-csv",
      type: "text/csv",
      body: new TextEncoder().encode("MPN,Qty\nPSN\u0000-2,1\nPSN-3\u0001,2\n"),
    },
    {
      name: "bad-entity-xlsx",
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      body: entity(xlsx),
    },
    {
      name: "empty-xlsx",
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      body: new Uint8Array([0x50, 0x4b, 3, 4]),
    },
  ];
  let fivexx = 0;
  let slow = 0;
  let jobs = 0;
  const details: string[] = [];
  for (const c of cases) {
    const res = await fetch(`${stack.base}/v1/jobs`, {
      method: "POST",
      headers: { authorization: stack.headers.authorization!, "content-type": c.type },
      body: c.body,
    });
    const json = (await res.json()) as { job?: { id: string }; error?: { code: string } };
    if (res.status >= 500) fivexx++;
    if (res.status !== 202 || !json.job) {
      details.push(`${c.name}=${res.status}:${json.error?.code}`);
      continue;
    }
    jobs++;
    const t0 = Date.now();
    const done = await waitUntil(stack, json.job.id, (j) => isFinal(j.status), 60_000);
    if (!done || !isFinal(done.status)) slow++;
    details.push(
      `${c.name}=${done?.status}${(done as { error?: { code: string } } | null)?.error ? `:${(done as unknown as { error: { code: string } }).error.code}` : ""} ${((Date.now() - t0) / 1000).toFixed(1)}s`,
    );
  }
  const ok = fivexx === 0 && slow === 0;
  return {
    line: drillLine(
      "poison",
      { items: cases.length, lost: slow, duplicated: 0, failed: fivexx },
      ok ? "final" : "stuck",
      started,
      ok,
    ),
    ok,
    note: `${jobs} jobs; ${details.join(", ")}`,
  };
}

/** The workbook with an out-of-range character reference in its shared strings. */
function entity(book: Uint8Array): Uint8Array {
  const files = unzipSync(book);
  files["xl/sharedStrings.xml"] = strToU8(
    strFromU8(files["xl/sharedStrings.xml"]!).replace("MARKERX", "PSN&#x110000;4"),
  );
  return zipSync(files);
}
