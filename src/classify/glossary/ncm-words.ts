import clothingFootwear from "./heading-names/clothing-footwear.json";
import electricalElectronicsOffice from "./heading-names/electrical-electronics-office.json";
import foodDrink from "./heading-names/food-drink.json";
import hardwareBuildingTools from "./heading-names/hardware-building-tools.json";
import homeFurnitureKitchen from "./heading-names/home-furniture-kitchen.json";
import personalCareCleaningHealth from "./heading-names/personal-care-cleaning-health.json";
import foodAgri from "./ncm-words/food-agri.json";
import machinesElectrical from "./ncm-words/machines-electrical.json";
import plasticsWoodPaperTextiles from "./ncm-words/plastics-wood-paper-textiles.json";
import stoneGlassMetals from "./ncm-words/stone-glass-metals.json";
import vehiclesInstrumentsMisc from "./ncm-words/vehicles-instruments-misc.json";

/**
 * The NCM table's own vocabulary in English and Spanish. Each file lists words of the official NCM
 * descriptions (one chapter group per file), each with the terms that say it in the other
 * languages: `"parafusos": "screw, tornillo"`. Coverage is driven by the table (the words of its
 * heading and subheading texts), not by any labelled item, so an English customs ruling or a
 * Spanish invoice reaches the code's text even where the hand-written glossaries are silent.
 */
export interface NcmWordFile {
  words: Record<string, string>;
}

export const NCM_WORD_FILES: NcmWordFile[] = [
  foodAgri,
  plasticsWoodPaperTextiles,
  stoneGlassMetals,
  machinesElectrical,
  vehiclesInstrumentsMisc,
];

/**
 * Everyday names of what a heading holds where its own text does not name it ("cadeira" is in
 * 94.01, whose text says "Assentos"; "batedeira" in 85.09): each key is words of the heading's
 * text, each value the names, Portuguese, English and Spanish. Coverage follows the headings of
 * consumer, household, building and office goods; no labelled row was read to write them.
 */
export const HEADING_NAME_FILES: NcmWordFile[] = [
  homeFurnitureKitchen,
  personalCareCleaningHealth,
  foodDrink,
  clothingFootwear,
  hardwareBuildingTools,
  electricalElectronicsOffice,
];

/**
 * The files inverted into glossary terms (foreign term → NCM words). A term listed under two NCM
 * words stands for both ("bolt" → "parafusos ferrolhos"), in file order.
 */
export function ncmWordTerms(
  files: NcmWordFile[],
  normalize: (s: string) => string,
  { keepWord = false } = {},
): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of files)
    for (const [pt, list] of Object.entries(file.words)) {
      for (const raw of list.split(",")) {
        const term = normalize(raw).trim();
        // A one-word name also keeps itself: some codes do name it ("cadeiras de rodas").
        const word = keepWord ? `${normalize(pt)} ${term}` : normalize(pt);
        if (!term || term === word) continue;
        const known = out.get(term);
        out.set(term, known && !known.split(" ").includes(word) ? `${known} ${word}` : (known ?? word));
      }
    }
  return out;
}
