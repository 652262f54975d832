import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startMailSink } from "../scripts/local/mail-sink";
import { applyMigrations } from "../scripts/local/migrate";
import { startEmbeddedPostgres } from "../scripts/local/postgres";
import { startWsProxy } from "../scripts/local/ws-proxy";
import { startFixtureServer } from "./support/fixture-server";
import { startWebhookReceiver } from "./support/webhook-receiver";

/**
 * Starts what the Worker under test talks to: Postgres (embedded PGlite unless DATABASE_URL is set)
 * with the real migrations applied, and the WebSocket→TCP proxy the Neon driver needs locally.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  const embedded = external ? null : await startEmbeddedPostgres({ dataDir: "memory://" });
  const databaseUrl = external ?? embedded!.url;
  await applyMigrations(databaseUrl);
  const proxy = await startWsProxy();
  project.provide("databaseUrl", databaseUrl);
  project.provide("pgWsProxy", `127.0.0.1:${proxy.port}`);
  const fixtures = await startFixtureServer();
  project.provide("fixtureUrl", fixtures.url);
  // Notifications: a webhook receiver, and the local mail sink writing .eml files to a temp folder.
  const receiver = await startWebhookReceiver();
  project.provide("webhookReceiverUrl", receiver.url);
  const mailDir = mkdtempSync(path.join(tmpdir(), "partwise-mail-"));
  const mailSink = await startMailSink({ dir: mailDir });
  project.provide("mailSinkUrl", mailSink.url);
  return async () => {
    await mailSink.stop();
    rmSync(mailDir, { recursive: true, force: true });
    await receiver.close();
    await fixtures.close();
    await proxy.stop();
    await embedded?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    pgWsProxy: string;
    fixtureUrl: string;
    webhookReceiverUrl: string;
    mailSinkUrl: string;
  }
}
