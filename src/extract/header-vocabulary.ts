import FORM_WORDS from "./data/fiscal-form-headers.json";
import HEADER_WORDS from "./data/header-words.json";

/**
 * Column header vocabulary in English, Portuguese, Spanish, German (plus a few Dutch/French/Russian
 * words seen on real invoices and BOMs). Matching is on a normalised form: lower case, accents
 * removed, "º"/"°" read as "o", spaces collapsed.
 */
export type HeaderRole =
  | "pn" // manufacturer part number
  | "pn_generic" // plain "Part Number": usually the MPN, sometimes a distributor code
  | "pn_weak" // Comment / Value / Name / LibRef: may hold an MPN among values and words
  | "description"
  | "manufacturer"
  | "quantity"
  | "designator"
  | "footprint"
  | "unit"
  | "ncm" // a tariff code the line declares (NCM, HTS, HS)
  | "country" // country of origin
  | "id" // codes that are never MPNs: distributor, customer, order, invoice, SKU, lot…
  | "other";

export function normalizeHeader(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[º°ª]/g, "o")
    .toLowerCase()
    .replace(/[’`´]/g, "'")
    .replace(/\s+/g, " ")
    .replace(/[\s:;.]+$/, "")
    .trim();
}

// Matched at the start of a word only: "narrow" holds no "arrow", "border" no "order", and
// "herstellerartikelnummer" is the maker's number, not an "artikel" code.
const ID_WORDS =
  /(?<![a-z0-9])(distrib|supplier|vendor|digi-?key|mouser|farnell|newark|element ?14|arrow|lcsc|reichelt|mc-?master|order|bestell|lieferant|\bcust\b|customer|client|kunde|klant|\bsku\b|internal|\bintern|interno|\bour\b|item code|stock code|fornecedor|distribuidor|proveedor|buyer|comprador|artikel|article|catalog|katalog|invoice|factuur|fatura|factura|rechnung|\blot\b|\blote\b|batch|\bpo\b|pedido|\bnota\b|tracking|\bbtw\b|\bvat\b|cnpj|\bcpf\b|\bncm\b|\bhts?\b|\bhs code|tariff|zolltarif|url|link|\bdoc\b\.? ?(ref|no|nr|num))/;

const STRONG_PN = [
  /\bmpn\b/,
  /\b(mfr|mfg|manuf|manufacturer|manufacturers|manufacturer's|maker)\b\.? ?(part|prod|product)? ?(no|nr|num|number|#|p\/?n|pn|ref|reference|code|designation|id)\b/,
  /\b(mfr|mfg|man|manuf|manufacturer|manufacturer's)\.? part\b/,
  /hersteller ?-?(bezeichnung|teilenummer|artikelnummer|nummer|nr|teile-?nr|typ|typbezeichnung)/,
  /\b(ref|referencia|cod|codigo|numero|no|n|part|pn|p\/n|parte|pieza|peca)\.? ?(do|de|del|da)? ?fabricante\b/,
  /\bfabricante ?(p\/?n|pn|part|ref|cod|codigo|no)\b/,
  /\breference fabricant\b|\bref(erence)?\.? fabricant\b/,
];

const GENERIC_PN =
  /^(pn|p\/n|p\/no|part ?(no|nr|num|number|#|no\.|n)|part-?number|partnumber|n(o|ro|um)?\.? ?de ?(pieza|parte|peca)|numero de (pieza|parte|peca)|teilenummer|teile-?nr|part ref(erence)?|codigo de (peca|pieza)|cod\.? (peca|pieza))$/;

const MANUFACTURER =
  /^(manufacturer|manufacturer name|mfr|mfg|mfr name|maker|brand|fabricante|hersteller|fabricant|marca|producer|производитель)$/;

const QUANTITY =
  /^(qty|quantity|quant|quan|quantidade|qtd|qtde|qde|cant|cantidad|menge|anzahl|stk|stuck|aantal|hoeveelheid|qte|quantite|кол|count|pcs)\b/;

const DESIGNATOR =
  /^(ref|refs|ref des|refdes|reference|references|designator|designators|position|pos|referencias?|item ref|part ref des)$/;

const FOOTPRINT = /(footprint|package|^case$|gehause|encapsulamento|encapsulado|pcb decal|housing|^bauform)/;

const DESCRIPTION =
  /(descri|bezeichnung|beschreibung|omschrijving|наименование|designation|produto|producto|^product$|item name|^nome$|^nombre$)/;

const WEAK_PN =
  /^(comment|comments|value|values|name|part|parts|libref|lib ref|library ref|library reference|device|component|wert|valor|part name|comment ?\/ ?value|value ?\/ ?comment)$/;

const OTHER =
  /^(#|line|item|it|ite|itens?|no|nr|n|ctn|uom|un|unit|units|unit price|price|ext price|total|amount|coo|origin|country|lead time|n\.w|g\.w|kg|date|datum|data|notes?|remarks?|prazo|preco|preco unit|vlr\.? unit|vlr\.? total|valor unit|valor total|id|bedrag|prijs|weight|peso|stock|availability|rohs|eccn|dnp|type|typ|category|sheet|page|side|layer|x|y|rotation)$/;

const UNIT =
  /^(un|und|unid|unidade|uom|u\.?m|unit|units|unit of measure|einheit|me|unite|unita|ед\.? ?изм|од\.?)$/;

const NCM =
  /^(ncm|ncm\/sh|ncm ?-? ?hts|hts|hs|hs code|hts code|tariff code|zolltarif(nummer)?|codigo ncm|cod\.? ncm)$/;

const COUNTRY =
  /^(coo|c\.o\.o|origin|origem|pais de origem|country|country of origin|ursprungsland|origen|pays d'origine|paese di origine)$/;

// Header words kept as data, per role; a header equal to a phrase or starting with it and a space.
// Indexed by first word: classifyHeader runs on every cell of every line.
const BY_FIRST_WORD = new Map<string, [string, HeaderRole][]>();
// Phrases ending in a full stop may be glued to the next header ("cod.prod.description …").
const GLUED: [string, HeaderRole][] = [];
for (const [role, phrases] of [...Object.entries(HEADER_WORDS), ...Object.entries(FORM_WORDS)]) {
  if (role.startsWith("_")) continue;
  for (const p of phrases as string[]) {
    const phrase = normalizeHeader(p);
    const first = phrase.split(" ")[0]!;
    const list = BY_FIRST_WORD.get(first) ?? [];
    list.push([phrase, role as HeaderRole]);
    BY_FIRST_WORD.set(first, list);
    if (p.trim().endsWith(".")) GLUED.push([p.trim().toLowerCase(), role as HeaderRole]);
  }
}

function fromWords(h: string): HeaderRole | null {
  for (const [phrase, role] of BY_FIRST_WORD.get(h.split(" ")[0]!) ?? [])
    if (h === phrase || h.startsWith(`${phrase} `)) return role;
  for (const [phrase, role] of GLUED) if (h.startsWith(phrase)) return role;
  return null;
}

// classifyHeader runs a cascade of regexes on every cell of every line; documents repeat their
// cell texts (values, units, headers on every page), so each text's role is looked up once.
const roles = new Map<string, HeaderRole | null>();

export function classifyHeader(text: string): HeaderRole | null {
  let role = roles.get(text);
  if (role === undefined) {
    if (roles.size > 20_000) roles.clear();
    role = headerRole(text);
    roles.set(text, role);
  }
  return role;
}

function headerRole(text: string): HeaderRole | null {
  const h = normalizeHeader(text);
  if (!h || /\d{3,}/.test(h)) return null;
  const listed = fromWords(h);
  if (listed) return listed;
  if (h.length > 45) return null;
  if (UNIT.test(h)) return "unit";
  if (NCM.test(h)) return "ncm";
  if (COUNTRY.test(h)) return "country";
  // Id words count outside the maker's phrase: "Supplier Mfr. Part No" is someone else's code.
  const strong = STRONG_PN.find((re) => re.test(h));
  if (strong && !ID_WORDS.test(h.replace(strong, " "))) return "pn";
  if (MANUFACTURER.test(h)) return "manufacturer";
  if (GENERIC_PN.test(h) && !ID_WORDS.test(h)) return "pn_generic";
  if (ID_WORDS.test(h)) return "id";
  if (QUANTITY.test(h)) return "quantity";
  if (DESIGNATOR.test(h)) return "designator";
  if (FOOTPRINT.test(h)) return "footprint";
  if (DESCRIPTION.test(h)) return "description";
  if (WEAK_PN.test(h)) return "pn_weak";
  if (OTHER.test(h)) return "other";
  return null;
}

export function isPartnumberRole(role: HeaderRole | null): role is "pn" | "pn_generic" | "pn_weak" {
  return role === "pn" || role === "pn_generic" || role === "pn_weak";
}

/**
 * Labels that introduce a part number inline ("PN: …", "Manufacturer part no.: …",
 * "Cód. fabricante: …"). Group 1 is the label; the value follows the colon.
 */
export const PARTNUMBER_LABEL =
  /(?:^|[\s(|;,])((?:mfr|mfg|manufacturer)\.?\s*(?:part\s*)?(?:no|nr|number|#)\.?|mpn|p\/n|pn|part\s*(?:no|nr|number)\.?|c[oó]d(?:igo|\.)?\s*(?:do\s*|de\s*)?fabricante|ref(?:er[eê]ncia|\.)?\s*(?:do\s*|de\s*)?fabricante|n[ºo°]\.?\s*de\s*pieza|herstellerbezeichnung|hersteller-?(?:teile)?nr\.?)\s*:\s*/giu;

/** Words right before a label that make it someone else's code ("Cust. PN:", "Supplier P/N:"). */
export const FOREIGN_LABEL_PREFIX =
  /(?<![\p{L}\d])(cust|customer|client|internal|intern|our|supplier|distributor|vendor|buyer|kunde|cliente|fornecedor|distribuidor|proveedor|sku|order)\.?\s*$/iu;

/** Words right before a token that make it an identifier of another kind. */
export const ID_LABEL_BEFORE =
  /^(no|nr|n[ºo°]|#|invoice|factuur|fatura|factura|rechnung|order|pedido|po|rfq|quotation|cotacao|cotação|lot|lote|batch|sku|cnpj|cpf|vat|btw|tax|ein|iban|swift|bic|tel|phone|fax|cep|zip|awb|hawb|tracking|nota|klant|customer|cust|ref|item|cód|cod|code|codigo|código|nummer|number|ie|account|conta|req|requisição|requisicao|doc|d\/c)[.:#]*$/i;
