import { describe, expect, it } from "vitest";
import { checkTarget, isPrivateHost } from "../../src/notify/targets";

describe("webhook targets", () => {
  it("tells private, loopback and internal hosts from public ones", () => {
    for (const h of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.10",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "[::1]",
      "[fd00::1]",
      "[fe80::1]",
      "[::ffff:7f00:1]",
      "localhost",
      "api.localhost",
      "printer.local",
      "db",
      "svc.internal",
    ])
      expect(isPrivateHost(h), h).toBe(true);
    for (const h of ["hooks.example.com", "8.8.8.8", "172.32.0.1", "[2606:4700::1111]"])
      expect(isPrivateHost(h), h).toBe(false);
  });

  it("refuses private and plain-http targets in production, allows them locally", () => {
    expect(checkTarget("http://127.0.0.1:9000/hook", false)).toMatchObject({ ok: false });
    // The URL parser turns these spellings of 127.0.0.1 into the dotted form before the check.
    expect(checkTarget("https://2130706433/hook", false)).toMatchObject({ ok: false });
    expect(checkTarget("https://0x7f.1/hook", false)).toMatchObject({ ok: false });
    expect(checkTarget("http://hooks.example.com/x", false)).toMatchObject({
      ok: false,
      reason: "must be https",
    });
    expect(checkTarget("https://user:pw@hooks.example.com/x", false)).toMatchObject({ ok: false });
    expect(checkTarget("ftp://hooks.example.com/x", true)).toMatchObject({ ok: false });
    expect(checkTarget("https://hooks.example.com/x", false)).toMatchObject({ ok: true });
    expect(checkTarget("http://127.0.0.1:9000/hook", true)).toMatchObject({ ok: true });
  });
});
