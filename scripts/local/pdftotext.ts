import { execFileSync } from "node:child_process";

/** True when poppler's pdftotext is installed (`apt-get install -y poppler-utils`). */
export function hasPdftotext(): boolean {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Seconds pdftotext takes over `files`, one process per file (as a service would run it). */
export function pdftotextSeconds(files: string[]): number {
  const started = performance.now();
  for (const file of files) {
    try {
      execFileSync("pdftotext", ["-q", "-layout", file, "-"], { stdio: ["ignore", "ignore", "ignore"] });
    } catch {
      // A file it cannot read still cost the time spent on it.
    }
  }
  return (performance.now() - started) / 1000;
}
