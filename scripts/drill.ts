/**
 * `npm run drill -- <name>`: a fault drill on a throwaway local stack (ports 8820–8829, inspector
 * 9320). It starts what it needs, breaks one thing, stops by itself and ends with one line:
 *   drill NAME: items=N lost=N duplicated=N failed=N final_status=S wall_s=X ok=true|false
 */
import { aiFaults, duplicates, load, pgOutage, restart } from "./drill/scenarios";
import { poison, wsFanout } from "./drill/scenarios-more";
import { type Stack, startStack } from "./drill/stack";

type Drill = (stack: Stack) => Promise<{ line: string; ok: boolean; note?: string }>;
const DRILLS: Record<string, { run: Drill; vars?: Record<string, string> }> = {
  restart: { run: restart },
  "pg-outage": { run: pgOutage },
  // A shorter AI timeout than the 20 s default keeps the drill's wall time down; retries are the defaults.
  "ai-faults": { run: aiFaults, vars: { AI_TIMEOUT_MS: "5000" } },
  duplicates: { run: duplicates },
  load: { run: load },
  "ws-fanout": { run: wsFanout },
  poison: { run: poison },
};

const name = process.argv[2] ?? "";
const drill = DRILLS[name];
if (!drill) {
  console.error(`usage: npm run drill -- <${Object.keys(DRILLS).join("|")}>`);
  process.exit(2);
}
const stack = await startStack(drill.vars);
let code = 1;
try {
  const result = await drill.run(stack);
  if (result.note) console.log(`# ${result.note}`);
  console.log(result.line);
  code = result.ok ? 0 : 1;
} catch (err) {
  console.error(`drill ${name} crashed (worker log: ${stack.logFile}):`, err);
  console.log(`drill ${name}: items=0 lost=0 duplicated=0 failed=0 final_status=crashed wall_s=0 ok=false`);
} finally {
  await stack.stop().catch(() => {});
}
process.exit(code);
