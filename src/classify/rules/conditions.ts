import type { PartContext } from "./types";

/** A variant's condition as written in classes.json; every key present must hold. */
export interface Condition {
  mount?: string;
  smd?: boolean;
  voltsAbove?: number;
  wattsAbove?: number;
  wattsAtLeast?: number;
  ampsAbove?: number;
  ampsAtMost?: number;
  khz?: boolean;
  plastic?: boolean;
  brass?: boolean;
  aluminium?: boolean;
  stainless?: boolean;
  text?: string;
}

type Test = (c: PartContext) => boolean;

const above = (v: number | null, n: number) => v !== null && v > n;

/** Turns a data condition into a predicate; unknown keys throw so a typo in the table fails at load. */
export function compileCondition(when: Condition): Test {
  const tests: Test[] = [];
  for (const [key, value] of Object.entries(when)) {
    switch (key) {
      case "mount":
        if (value === "tht") tests.push((c) => c.tht && !c.smd);
        else if (value === "smd") tests.push((c) => c.smd && !c.tht);
        else throw new Error(`unknown mount "${value}"`);
        break;
      case "smd":
      case "khz":
      case "plastic":
      case "brass":
      case "aluminium":
      case "stainless":
        tests.push((c) => c[key] === value);
        break;
      case "voltsAbove":
        tests.push((c) => above(c.volts, value));
        break;
      case "wattsAbove":
        tests.push((c) => above(c.watts, value));
        break;
      case "wattsAtLeast":
        tests.push((c) => c.watts !== null && c.watts >= value);
        break;
      case "ampsAbove":
        tests.push((c) => above(c.amps, value));
        break;
      case "ampsAtMost":
        tests.push((c) => c.amps !== null && c.amps <= value);
        break;
      case "text": {
        const re = new RegExp(value);
        tests.push((c) => re.test(c.text));
        break;
      }
      default:
        throw new Error(`unknown variant condition "${key}"`);
    }
  }
  return (c) => tests.every((t) => t(c));
}
