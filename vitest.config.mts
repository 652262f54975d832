import { randomBytes } from "node:crypto";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { exportJWK, generateKeyPair } from "jose";
import { defineConfig } from "vitest/config";

// Access-token signing keys for the tests, made fresh on every run so no private key is committed.
// Two keys: the first signs, the second only verifies (as during a rotation).
async function testSigningKeys(): Promise<string> {
  const keys = [];
  for (const kid of ["test-key-1", "test-key-2"]) {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    keys.push({ ...(await exportJWK(privateKey)), kid, alg: "ES256", use: "sig" });
  }
  return JSON.stringify({ keys });
}
const JWT_PRIVATE_JWKS = await testSigningKeys();
// Report download links are signed with a key made per run, too.
const REPORT_LINK_SECRET = randomBytes(32).toString("hex");

// Tests run inside workerd with the real Durable Objects, Queues and R2 from wrangler.toml, and
// talk to a real Postgres (started by test/global-setup.ts) through the Neon driver.
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          DATABASE_URL: inject("databaseUrl"),
          PG_WS_PROXY: inject("pgWsProxy"),
          LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
          PARTWISE_DEV_API_KEY: "",
          AI_API_KEY: "",
          JWT_PRIVATE_JWKS,
          REPORT_LINK_SECRET,
          // The job pipeline's AI provider is the fake server (test/support/fake-ai), in its own
          // session so pipeline tests can script faults without touching other tests' sessions.
          AI_PROVIDER: "openai",
          AI_BASE_URL: `${inject("fakeAiUrl")}/s/worker/v1`,
          AI_MODEL: "fake-ncm",
          AI_TIMEOUT_MS: "1000",
          // Retries come back at once (plus any Retry-After), so fault tests do not wait on backoff.
          QUEUE_RETRY_BASE_SECONDS: "0",
          // Notifications: the local receiver and mail sink are on loopback; failed deliveries retry at once.
          WEBHOOK_ALLOW_PRIVATE: "true",
          NOTIFY_RETRY_BASE_SECONDS: "0",
          MAIL_SINK_URL: inject("mailSinkUrl"),
          PUBLIC_URL: "http://partwise.test",
        },
      },
    })),
  ],
  test: {
    globalSetup: ["./test/global-setup.ts", "./test/support/fake-ai/global-setup.ts"],
    // Files share one Worker (its queues and its fake-AI session): pipeline tests that script AI
    // faults or count AI calls must not overlap with other files' jobs.
    fileParallelism: false,
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
