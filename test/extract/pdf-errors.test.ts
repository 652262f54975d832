import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { ExtractionError } from "../../src/extract/types";
import { encryptedPdf, pdfWithoutText, pdfWithText } from "./fixtures/pdf";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).message.length).toBeGreaterThan(10);
    return (err as ExtractionError).code;
  }
  return "no error";
}

describe("PDF error codes", () => {
  it("reports bytes that are not a PDF as pdf_corrupt", async () => {
    expect(await codeOf(extractPdf(new TextEncoder().encode("hello, world")))).toBe("pdf_corrupt");
  });

  it("reports a truncated PDF as pdf_corrupt", async () => {
    const whole = await pdfWithText([[{ x: 50, y: 700, text: "MPN: LM317T" }]]);
    const truncated = whole.slice(0, Math.floor(whole.length * 0.3));
    expect(await codeOf(extractPdf(truncated))).toBe("pdf_corrupt");
  });

  it("reports a password-protected PDF as pdf_encrypted", async () => {
    expect(await codeOf(extractPdf(await encryptedPdf()))).toBe("pdf_encrypted");
  });

  it("reports a PDF without a text layer as pdf_no_text and says OCR is not done", async () => {
    const err = await extractPdf(await pdfWithoutText()).catch((e: ExtractionError) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).code).toBe("pdf_no_text");
    expect((err as ExtractionError).message).toMatch(/OCR/);
  });

  it("reports a text PDF without part numbers as no_partnumbers", async () => {
    const bytes = await pdfWithText([
      [{ x: 50, y: 700, text: "Dear customer, thank you for your order of 12 May 2024." }],
    ]);
    expect(await codeOf(extractPdf(bytes))).toBe("no_partnumbers");
  });
});
