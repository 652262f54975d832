import type { ManufacturerHint } from "./types";

/**
 * Makers whose catalogue is dominated by one kind of product. Alone they are weak evidence
 * (below the threshold); they mostly break ties and confirm a keyword's heading.
 */
export const MANUFACTURER_HINTS: readonly ManufacturerHint[] = [
  {
    label: "connector maker",
    pattern:
      /\b(samtec|jst|molex|hirose|harwin|amphenol|te connectivity|tyco|fci|erni|jae|kyocera elco|harting|lemo|binder|neutrik|switchcraft|cnc tech|assmann)\b/,
    cls: "connectorGeneric",
    confidence: 0.45,
  },
  {
    label: "terminal block maker",
    pattern: /\b(phoenix contact|wago|weidmuller|degson|dinkle|on shore|camdenboss|metz connect)\b/,
    cls: "terminalBlock",
    confidence: 0.45,
  },
  {
    label: "bearing maker",
    pattern: /\b(skf|nsk|ntn|fag|schaeffler|timken|koyo|jtekt|nachi|ina)\b/,
    cls: "bearingBall",
    confidence: 0.5,
  },
  {
    label: "power supply maker",
    pattern: /\b(mean well|meanwell|traco|recom|xp power|tdk-lambda|cosel|delta electronics|vicor)\b/,
    cls: "powerSupply",
    confidence: 0.45,
  },
  {
    label: "fuse maker",
    pattern: /\b(bussmann|cooper bussmann|schurter|bel fuse)\b/,
    cls: "fuse",
    confidence: 0.45,
  },
  {
    label: "LED maker",
    pattern: /\b(kingbright|lite-?on|cree|lumileds|everlight|dialight|osram)\b/,
    cls: "led",
    confidence: 0.4,
  },
  {
    label: "crystal maker",
    pattern: /\b(abracon|ecs inc|txc|ndk|epson timing|fox electronics|iqd)\b/,
    cls: "crystal",
    confidence: 0.45,
  },
  {
    label: "fastener maker",
    pattern: /\b(bossard|wurth industrie|fastenal|penn engineering|pem)\b/,
    cls: "screw",
    confidence: 0.4,
  },
];
