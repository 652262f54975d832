import { beforeAll, describe, expect, it } from "vitest";
import { allItems, createJob, loadNcmFixture, waitForFinal } from "../jobs/support/pipeline";
import { createTenant, type TestTenant } from "../support/tenants";

let tenant: TestTenant;

beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

describe("items API carries what the classifier knew", () => {
  it("stores the candidates the answer was chosen from, and the rate fields", async () => {
    const { job } = await createJob(tenant, {
      items: [{ partnumber: "GRM155R71C104KA88D", description: "Capacitor ceramico multicamada SMD 100nF" }],
    });
    await waitForFinal(tenant, job.id);
    const [item] = (await allItems(tenant, job.id)) as {
      classification: {
        ncm: string;
        candidates?: { code: string; sources: string[] }[];
        ipiRate?: unknown;
        iiRate?: unknown;
        declaredDisagrees?: boolean;
      };
    }[];
    expect(item?.classification.ncm).toBe("85322410");
    expect(item?.classification.candidates?.find((c) => c.code === "85322410")?.sources).toContain("rules");
    // No TIPI/TEC line is loaded for the code here: the rates are null, never guessed.
    expect(item?.classification).toMatchObject({ ipiRate: null, iiRate: null, declaredDisagrees: false });
  });
});
