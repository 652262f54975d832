import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { createJob, loadNcmFixture, waitForFinal } from "../jobs/support/pipeline";
import { authHeaders, createTenant } from "../support/tenants";
import { createWebhook, deliveries, received, receiverPath, verifySignature, waitFor } from "./support";

describe("webhook subscriptions", () => {
  it("are created by admins only, listed, deleted, and another tenant's are 404", async () => {
    const t = await createTenant("admin");
    const member = await createTenant("member");
    const { url } = receiverPath("ok");
    const hook = await createWebhook(t, url, ["job.completed", "job.failed"]);
    expect(hook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const asMember = await SELF.fetch("http://x/v1/webhooks", {
      method: "POST",
      headers: authHeaders(member, { "content-type": "application/json" }),
      body: JSON.stringify({ url, events: ["job.completed"] }),
    });
    expect(asMember.status).toBe(403);

    const list = (await (await SELF.fetch("http://x/v1/webhooks", { headers: authHeaders(t) })).json()) as {
      items: Array<{ id: string; secret?: string }>;
    };
    expect(list.items.map((w) => w.id)).toEqual([hook.id]);
    expect(list.items[0]!.secret).toBeUndefined();

    const other = await createTenant("admin");
    for (const path of [`/v1/webhooks/${hook.id}/deliveries`, `/v1/webhooks/${hook.id}`]) {
      const res = await SELF.fetch(`http://x${path}`, {
        method: path.endsWith("deliveries") ? "GET" : "DELETE",
        headers: authHeaders(other),
      });
      expect(res.status).toBe(404);
    }
    const del = await SELF.fetch(`http://x/v1/webhooks/${hook.id}`, {
      method: "DELETE",
      headers: authHeaders(t),
    });
    expect(del.status).toBe(204);
    expect(
      (await SELF.fetch(`http://x/v1/webhooks/${hook.id}/deliveries`, { headers: authHeaders(t) })).status,
    ).toBe(404);
  });

  it("refuse a loopback target when private targets are not allowed, and unknown events", async () => {
    const t = await createTenant("admin");
    const post = async (body: unknown, allow: string) => {
      const ctx = createExecutionContext();
      const req = new Request("http://x/v1/webhooks", {
        method: "POST",
        headers: authHeaders(t, { "content-type": "application/json" }),
        body: JSON.stringify(body),
      });
      const res = await worker.fetch(req as never, { ...env, WEBHOOK_ALLOW_PRIVATE: allow }, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    const refused = await post({ url: "http://127.0.0.1:9/hook", events: ["job.completed"] }, "false");
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("webhook_target_refused");
    const unknown = await post({ url: "https://hooks.example.com/x", events: ["job.exploded"] }, "false");
    expect(unknown.status).toBe(422);
  });
});

describe("webhook deliveries", () => {
  it("POST signed JSON with a unique delivery id at job start and end", async () => {
    await loadNcmFixture();
    const t = await createTenant();
    const target = receiverPath("ok");
    const hook = await createWebhook(t, target.url, ["job.started", "job.completed"]);
    const { job } = await createJob(t, { partnumbers: ["BC547B", "1N4148"] });
    await waitForFinal(t, job.id);
    const got = await waitFor(async () => {
      const r = await received(target.name);
      return r.length >= 2 && r;
    });
    expect(got).toHaveLength(2);
    const bodies = got.map(
      (r) => JSON.parse(r.body) as { type: string; data: { job: { id: string; status: string } } },
    );
    expect(bodies.map((b) => b.type).sort()).toEqual(["job.completed", "job.started"]);
    expect(bodies.every((b) => b.data.job.id === job.id)).toBe(true);
    for (const r of got) {
      expect(r.headers["content-type"]).toContain("application/json");
      expect(await verifySignature(hook.secret, r.headers["partwise-signature"]!, r.body)).toBe(true);
      // A different secret or body does not verify.
      expect(await verifySignature(`${hook.secret}x`, r.headers["partwise-signature"]!, r.body)).toBe(false);
      expect(await verifySignature(hook.secret, r.headers["partwise-signature"]!, `${r.body} `)).toBe(false);
    }
    const ids = got.map((r) => r.headers["partwise-delivery"]);
    expect(new Set(ids).size).toBe(2);
    const completed = bodies.find((b) => b.type === "job.completed") as unknown as {
      data: { links?: { report?: string } };
    };
    expect(completed.data.links?.report).toContain(`/v1/report-files/${job.id}?`);

    const listed = await waitFor(async () => {
      const d = await deliveries(t, hook.id);
      return d.length === 2 && d.every((x) => x.status === "delivered") && d;
    });
    expect(listed.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(listed.every((d) => d.attempts.length === 1 && d.attempts[0]!.statusCode === 200)).toBe(true);
  });

  it("retry a failing receiver with backoff, then record the delivery as dead", async () => {
    const t = await createTenant();
    const target = receiverPath("fail");
    const hook = await createWebhook(t, target.url, ["job.completed", "job.failed"]);
    const { job } = await createJob(t, { partnumbers: ["BC547B"] });
    await waitForFinal(t, job.id);
    const [dead] = await waitFor(async () => {
      const d = await deliveries(t, hook.id);
      return d.length === 1 && d[0]!.status === "dead" && d;
    });
    // wrangler.toml: max_retries = 5 on partwise-notify, so six attempts, each recorded with its answer.
    expect(dead!.attempts).toHaveLength(6);
    expect(dead!.attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(dead!.attempts.every((a) => a.statusCode === 500 && a.error === "answered 500")).toBe(true);
    const got = await received(target.name);
    expect(got).toHaveLength(6);
    expect(new Set(got.map((r) => r.headers["partwise-delivery"]))).toEqual(new Set([dead!.id]));
  });
});
