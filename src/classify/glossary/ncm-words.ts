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
 * The files inverted into glossary terms (foreign term → NCM words). A term listed under two NCM
 * words stands for both ("bolt" → "parafusos ferrolhos"), in file order.
 */
export function ncmWordTerms(files: NcmWordFile[], normalize: (s: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of files)
    for (const [pt, list] of Object.entries(file.words)) {
      const word = normalize(pt);
      for (const raw of list.split(",")) {
        const term = normalize(raw).trim();
        if (!term || term === word) continue;
        const known = out.get(term);
        out.set(term, known && !known.split(" ").includes(word) ? `${known} ${word}` : (known ?? word));
      }
    }
  return out;
}
