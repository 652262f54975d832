import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

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
          JWT_PRIVATE_JWKS: "",
        },
      },
    })),
  ],
  test: {
    globalSetup: ["./test/global-setup.ts"],
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
