import { EmailMessage } from "cloudflare:email";
import type { Bindings } from "../lib/env";
import { log } from "../lib/logger";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

const b64 = (s: string) => {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
};

/** RFC 2047 encoded-word for a header holding non-ASCII text (Portuguese subjects). */
const headerText = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${b64(s)}?=`);
const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ");

/** The message as RFC 5322 text: UTF-8 plain text, base64 body lines of 76 characters. */
export function toMime(from: string, mail: Mail, now = new Date()): string {
  const body = b64(mail.text).replace(/.{76}/g, "$&\r\n");
  const domain = from.split("@")[1] ?? "partwise.local";
  return [
    `From: partwise <${oneLine(from)}>`,
    `To: ${oneLine(mail.to)}`,
    `Subject: ${headerText(oneLine(mail.subject))}`,
    `Date: ${now.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${crypto.randomUUID()}@${domain}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    body,
    "",
  ].join("\r\n");
}

/**
 * Sends through Cloudflare's send_email binding (MAIL) where it is configured; locally, posts the
 * message to the mail sink at MAIL_SINK_URL (scripts/local/mail-sink.ts), which writes it as an
 * .eml file. With neither, the message is skipped (logged without its content). Throws on a
 * transport failure so the queue retries.
 */
export async function sendMail(env: Bindings, mail: Mail): Promise<"sent" | "sink" | "skipped"> {
  const from = env.MAIL_FROM || "partwise@localhost";
  const raw = toMime(from, mail);
  if (env.MAIL) {
    await env.MAIL.send(new EmailMessage(from, mail.to, raw));
    return "sent";
  }
  const sink = env.MAIL_SINK_URL?.trim();
  if (sink) {
    const res = await fetch(sink, {
      method: "POST",
      headers: { "content-type": "message/rfc822" },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
    return "sink";
  }
  log("info", "e-mail skipped: no MAIL binding or MAIL_SINK_URL", { subject: mail.subject });
  return "skipped";
}
