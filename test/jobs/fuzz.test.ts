import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { pdfWithText, tableRuns } from "../extract/fixtures/pdf";
import { utf8 } from "../extract/fixtures/text";
import { xlsxWorkbook } from "../extract/fixtures/xlsx";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { loadNcmFixture, waitForFinal } from "./support/pipeline";

/**
 * Intake fuzzing: small valid documents and bodies, mutated by a seeded generator (byte flips,
 * truncation, inserted control bytes, repeated slices). Whatever comes in, the answer is never a
 * 5xx and every accepted job reaches a final status (the test timeout bounds the wait).
 */
let tenant: TestTenant;
beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(bytes: Uint8Array, rand: () => number): Uint8Array {
  const out = Array.from(bytes);
  const ops = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(rand() * out.length);
    switch (Math.floor(rand() * 4)) {
      case 0:
        out[at] = Math.floor(rand() * 256);
        break;
      case 1:
        out.length = Math.max(1, at);
        break;
      case 2:
        out.splice(at, 0, 0, Math.floor(rand() * 32), 0x7f);
        break;
      default:
        out.splice(at, 0, ...out.slice(at, at + Math.floor(rand() * 64)));
    }
  }
  return new Uint8Array(out);
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function seeds(): Promise<{ type: string; bytes: Uint8Array }[]> {
  const pdf = await pdfWithText([
    tableRuns([40, 200, 420], ["Part Number", "Description", "Qty"], [["FZQ-100A", "Widget", "2"]]),
  ]);
  const csv = utf8("Part Number,Description,Qty\nFZQ-200B,Gadget,3\nFZQ-201C,Gizmo,1\n");
  const xlsx = xlsxWorkbook([
    {
      name: "P",
      rows: [
        ["Part Number", "Qty"],
        ["FZQ-300D", 4],
      ],
    },
  ]);
  const json = utf8(
    JSON.stringify({ items: [{ partnumber: "FZQ-400E", description: "Thing", quantity: 1 }] }),
  );
  return [
    { type: "application/pdf", bytes: pdf },
    { type: "text/csv", bytes: csv },
    { type: XLSX, bytes: xlsx },
    { type: "application/json", bytes: json },
  ];
}

describe("intake fuzz", () => {
  it("never answers 5xx and every accepted job ends final", async () => {
    const rand = prng(20261201);
    const statuses: number[] = [];
    for (const seed of await seeds()) {
      for (let i = 0; i < 4; i++) {
        const body = mutate(seed.bytes, rand);
        const res = await SELF.fetch("http://x/v1/jobs", {
          method: "POST",
          headers: authHeaders(tenant, { "content-type": seed.type }),
          body,
        });
        const json = (await res.json()) as { job?: { id: string }; error?: { code: string } };
        statuses.push(res.status);
        expect(res.status, `${seed.type} #${i}: ${JSON.stringify(json)}`).toBeLessThan(500);
        if (res.status === 202) {
          const done = await waitForFinal(tenant, json.job!.id);
          expect(done.counts.pending).toBe(0);
        } else {
          expect(json.error?.code, JSON.stringify(json)).toBeTruthy();
        }
      }
    }
    expect(statuses).toHaveLength(16);
  }, 120_000);
});
