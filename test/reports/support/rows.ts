import type { ItemRow } from "../../../src/reports/columns";

export const JOB_ID = "00000000-0000-4000-8000-000000000001";
export const TENANT_ID = "00000000-0000-4000-8000-000000000002";

export const row = (over: Partial<ItemRow> = {}): ItemRow => ({
  seq: 1,
  partnumber: "GRM188R71H104KA93D",
  rawPartnumber: "grm188r71h104ka93d",
  description: "Capacitor cerâmico 100nF, 50V",
  manufacturer: "Murata",
  quantity: 100,
  unit: null,
  originCountry: null,
  occurrences: [{ page: 1 }, { page: 3 }],
  status: "classified",
  reason: null,
  ncm: "85322410",
  exTipi: null,
  classDescription: "Capacitor cerâmico multicamada",
  classManufacturer: "Murata",
  country: "JP",
  confidence: 0.93,
  rationale: 'Family "GRM" and keyword "capacitor"',
  source: "rules",
  declaredNcm: null,
  declaredDisagrees: false,
  ...over,
});

const SOURCES = ["catalog", "rules", "ai", "human"] as const;
const CODES = ["85322410", "85412100", "84821010", "39269090", "73181500"];

/** `n` generated rows: distinct made-up part numbers, mixed sources, chapters and statuses. */
export function manyRows(n: number): ItemRow[] {
  return Array.from({ length: n }, (_, i) => {
    const review = i % 7 === 3;
    return row({
      seq: i + 1,
      partnumber: `TPN-${(i * 7919 + 104729).toString(36).toUpperCase()}-${i}`,
      rawPartnumber: `tpn-${i}`,
      description: i % 2 ? "Conector elétrico, ação rápida" : "Parafuso sextavado de aço",
      status: review ? "needs_review" : "classified",
      reason: review ? "low confidence" : null,
      ncm: CODES[i % CODES.length]!,
      source: SOURCES[i % SOURCES.length]!,
      confidence: review ? 0.41 : 0.9,
    });
  });
}
