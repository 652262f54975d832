import data from "./keywords.json";
import { compileRules } from "./load";

/** Description keyword rules in first-match order; the table and its row format live in keywords.json. */
export const KEYWORD_RULES = compileRules(data.rules);
