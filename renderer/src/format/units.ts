// Display of the app's integer units. Lengths are stored in millimetres and shown in
// centimetres with one decimal, which is exact; weights in grams are shown in kilograms.

export function formatCm(mm: number): string {
  return `${(mm / 10).toFixed(1)} cm`;
}

/**
 * Kilograms with two decimals, or three when two would hide the difference (2001 g must not
 * read as "2.00 kg" next to a 2.00 kg limit).
 */
export function formatKg(grams: number): string {
  const three = (grams / 1000).toFixed(3);
  return `${three.endsWith('0') ? three.slice(0, -1) : three} kg`;
}

/** A small weight (a tolerance, a difference) in grams, a large one in kilograms. */
export function formatGrams(grams: number): string {
  return Math.abs(grams) < 1000 ? `${grams} g` : formatKg(grams);
}

export function formatMeasure(value: number, unit: string): string {
  return unit === 'g' ? formatKg(value) : unit === 'mm' ? formatCm(value) : String(value);
}

/** "30 × 20.5 × 15" centimetres from millimetres, without trailing ".0". */
export function cmNumber(mm: number): string {
  return String(Math.round(mm) / 10);
}

/**
 * A length typed in centimetres ("30", "30.5", "30,5") as whole millimetres, or null when it
 * is not a positive number. This only shapes the input; the station decides what fits.
 */
export function parseCmToMm(text: string): number | null {
  const normalised = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return null;
  const mm = Math.round(Number(normalised) * 10);
  return mm > 0 ? mm : null;
}
