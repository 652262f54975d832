/**
 * Verifies that every NCM code the rules classifier can emit is an 8-digit leaf of the official
 * NCM table. The table is read from a path given on the command line (it is not vendored).
 *
 *   npx tsx scripts/check-rule-codes.ts /work/shared/data/ncm/ncm.json
 */
import { readFileSync } from "node:fs";
import { ruleNcmCodes } from "../src/classify/rules/index";

interface NcmFile {
  Nomenclaturas: { Codigo: string; Descricao: string }[];
}

const path = process.argv[2];
if (!path) {
  console.error("usage: npx tsx scripts/check-rule-codes.ts <ncm.json>");
  process.exit(2);
}

const table = JSON.parse(readFileSync(path, "utf8")) as NcmFile;
const leaves = new Map<string, string>();
for (const n of table.Nomenclaturas) {
  const digits = n.Codigo.replace(/\./g, "");
  if (/^\d{8}$/.test(digits)) leaves.set(digits, n.Descricao);
}

const codes = ruleNcmCodes();
const bad = codes.filter((c) => !/^\d{8}$/.test(c) || !leaves.has(c));
for (const c of codes) {
  const desc = leaves.get(c);
  console.log(
    `${desc ? "ok " : "BAD"} ${c}  ${desc ? desc.replace(/<[^>]+>/g, "").slice(0, 70) : "(not an 8-digit code in the NCM table)"}`,
  );
}
console.log(
  `check-rule-codes: ${codes.length} codes, ${codes.length - bad.length} found, ${bad.length} missing (table has ${leaves.size} 8-digit codes)`,
);
process.exit(bad.length === 0 ? 0 : 1);
