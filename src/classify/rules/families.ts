import data from "./families.json";
import { compileRules } from "./load";

/** MPN family rules in first-match order; the table and its row format live in families.json. */
export const FAMILY_RULES = compileRules(data.rules);
