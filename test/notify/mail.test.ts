import { describe, expect, it } from "vitest";
import { toMime } from "../../src/notify/mail";
import { createJob, loadNcmFixture, waitForFinal } from "../jobs/support/pipeline";
import { createTenant } from "../support/tenants";
import { decodeSubject, mailsTo, mailText, optedInUser, waitFor } from "./support";

describe("job e-mail", () => {
  it("is written as .eml files at job start and end for users who opted in", async () => {
    await loadNcmFixture();
    const t = await createTenant();
    const user = await optedInUser(t, { jobs: true });
    const quiet = await optedInUser(t, { summary: true });
    const { job } = await createJob(t, { partnumbers: ["BC547B", "1N4148"] });
    await waitForFinal(t, job.id);
    const mails = await waitFor(async () => {
      const m = await mailsTo(user.email);
      return m.length >= 2 && m;
    });
    expect(mails).toHaveLength(2);
    expect(mails.every((m) => m.file.endsWith(".eml"))).toBe(true);
    const subjects = mails.map((m) => decodeSubject(m.subject));
    expect(subjects.some((s) => s.includes(`job ${job.id.slice(0, 8)} started`))).toBe(true);
    const end = mails.find((m) => decodeSubject(m.subject).includes("completed"))!;
    expect(end.raw).toMatch(/^From: partwise </m);
    const text = mailText(end.raw);
    expect(text).toContain(`Job ${job.id} completed`);
    expect(text).toContain("Items: 2");
    expect(text).toMatch(
      /Report \(PDF, link valid 15 minutes\): http:\/\/partwise\.test\/v1\/report-files\//,
    );
    expect(await mailsTo(quiet.email)).toEqual([]);
  });

  it("encodes Portuguese subjects and bodies", () => {
    const raw = toMime("partwise@example.com", {
      to: "a@example.com",
      subject: "Relatório pronto",
      text: "Classificação concluída",
    });
    expect(raw).toContain("Subject: =?UTF-8?B?");
    expect(decodeSubject(raw.match(/^Subject: (.*)$/m)![1]!)).toBe("Relatório pronto");
    expect(mailText(raw)).toBe("Classificação concluída");
    expect(raw).toContain("Content-Type: text/plain; charset=utf-8");
  });
});
