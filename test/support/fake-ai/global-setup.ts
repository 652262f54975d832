import type { TestProject } from "vitest/node";
import { startFakeAi } from "./server";

/** Starts the fake OpenAI-compatible server for the test run and provides its URL as `fakeAiUrl`. */
export default async function setup({ provide }: Pick<TestProject, "provide">) {
  const fake = await startFakeAi();
  provide("fakeAiUrl", fake.url);
  return () => fake.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    fakeAiUrl: string;
  }
}
