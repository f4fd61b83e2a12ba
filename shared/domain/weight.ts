// Weights are typed by people in a hurry: "1.2kg", "1,2 kg", "850 g", "2 lb 3 oz".
// Everything is stored in whole grams; conversions use the exact international factors.

export const GRAMS_PER_POUND = 453.59237;
export const GRAMS_PER_OUNCE = 28.349523125;

export type WeightUnit = 'kg' | 'g' | 'lb' | 'oz';

export type WeightParse =
  | { ok: true; grams: number }
  | { ok: false; code: 'WEIGHT_EMPTY' | 'WEIGHT_UNREADABLE' | 'WEIGHT_NOT_POSITIVE' | 'WEIGHT_TOO_LARGE'; message: string };

const UNIT_ALIASES: Record<string, WeightUnit> = {
  kg: 'kg',
  kgs: 'kg',
  kilo: 'kg',
  kilos: 'kg',
  '公斤': 'kg',
  '千克': 'kg',
  g: 'g',
  gr: 'g',
  gram: 'g',
  grams: 'g',
  '克': 'g',
  lb: 'lb',
  lbs: 'lb',
  pound: 'lb',
  pounds: 'lb',
  '磅': 'lb',
  oz: 'oz',
  ounce: 'oz',
  ounces: 'oz',
  '盎司': 'oz',
};

const FACTORS: Record<WeightUnit, number> = { kg: 1000, g: 1, lb: GRAMS_PER_POUND, oz: GRAMS_PER_OUNCE };

/** No parcel the bench handles weighs a tonne; a larger figure is a typing slip. */
export const MAX_PARCEL_WEIGHT_G = 1_000_000;

/**
 * Parses a typed weight into grams. A bare number is read in `defaultUnit`. A decimal
 * comma is accepted ("1,2"), but a comma followed by exactly three digits after a
 * leading group ("1,200") is ambiguous and refused rather than guessed.
 */
export function parseWeight(text: string, defaultUnit: WeightUnit = 'kg'): WeightParse {
  const input = text.trim().toLowerCase();
  if (input === '') return { ok: false, code: 'WEIGHT_EMPTY', message: 'Enter the weight, e.g. 1.2 kg or 850 g.' };
  const parts = [...input.matchAll(/(\d+(?:[.,]\d+)?)\s*([a-z\u4e00-\u9fff]*)/g)];
  const consumed = parts.map((match) => match[0]).join('');
  if (parts.length === 0 || consumed.replace(/\s+/g, '') !== input.replace(/\s+/g, '')) {
    return unreadable(text);
  }
  let grams = 0;
  const seenUnits = new Set<WeightUnit>();
  for (const [index, match] of parts.entries()) {
    const numberText = match[1] ?? '';
    const unitText = match[2] ?? '';
    if (/^\d{1,3},\d{3}$/.test(numberText)) return unreadable(text);
    const value = Number(numberText.replace(',', '.'));
    const unit = unitText === '' ? (parts.length === 1 ? defaultUnit : undefined) : UNIT_ALIASES[unitText];
    if (unit === undefined || !Number.isFinite(value) || seenUnits.has(unit)) return unreadable(text);
    // Compound weights only go from the larger unit to the smaller: "2 lb 3 oz", "1 kg 200 g".
    if (index > 0 && !(unit === 'oz' || unit === 'g')) return unreadable(text);
    seenUnits.add(unit);
    grams += value * FACTORS[unit];
  }
  const rounded = Math.round(grams);
  if (rounded <= 0) return { ok: false, code: 'WEIGHT_NOT_POSITIVE', message: 'The weight must be more than 0 g.' };
  if (rounded > MAX_PARCEL_WEIGHT_G) {
    return { ok: false, code: 'WEIGHT_TOO_LARGE', message: `${text.trim()} is more than any parcel can weigh; check the unit.` };
  }
  return { ok: true, grams: rounded };
}

function unreadable(text: string): WeightParse {
  return {
    ok: false,
    code: 'WEIGHT_UNREADABLE',
    message: `"${text.trim()}" is not a weight. Type it like 1.2 kg, 850 g or 2 lb 3 oz.`,
  };
}
