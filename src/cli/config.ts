import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

export interface CliConfig {
  apiUrl: string;
  apiKey: string;
}

export class UsageError extends Error {}

export function configFile(): string {
  const base = process.env.XDG_CONFIG_HOME || path.join(homedir(), ".config");
  return path.join(base, "partwise", "config.json");
}

function readFile(): Partial<CliConfig> {
  const file = configFile();
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Partial<CliConfig>;
  } catch {
    throw new UsageError(`${file} is not valid JSON`);
  }
}

/** Flags win over PARTWISE_API_URL / PARTWISE_API_KEY, which win over ~/.config/partwise/config.json. */
export function resolveConfig(flags: { "api-url"?: string; "api-key"?: string }): CliConfig {
  const file = readFile();
  const apiUrl = flags["api-url"] || process.env.PARTWISE_API_URL || file.apiUrl || "";
  const apiKey = flags["api-key"] || process.env.PARTWISE_API_KEY || file.apiKey || "";
  if (!apiUrl)
    throw new UsageError("no API URL: pass --api-url, set PARTWISE_API_URL or run `partwise login`");
  if (!apiKey)
    throw new UsageError("no API key: pass --api-key, set PARTWISE_API_KEY or run `partwise login`");
  return { apiUrl: apiUrl.replace(/\/+$/, ""), apiKey };
}

/** The key is a secret: the file is readable by its owner only. */
export function saveConfig(config: CliConfig): string {
  const file = configFile();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
