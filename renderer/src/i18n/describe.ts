import type { AppErrorShape, Finding, Language } from '../../../shared/contract';
import { formatMinor } from '../../../shared/domain/compliance';
import { formatGrams, formatKg, formatMeasure } from '../format/units';
import { isMessageKey, translate, translateStrict } from './translate';
import type { Params } from './translate';

// Errors and findings arrive with a code, an English message and data. The screen shows the
// text for the code in the station's language, filled from the data; when there is no text
// for a code (a newer station, a code only the log knows) or the data lacks a value the text
// needs, the station's English message is shown rather than a half-filled sentence.

export type Problem = Pick<AppErrorShape, 'code' | 'message' | 'data'>;

type Data = NonNullable<AppErrorShape['data']>;

function paramsFrom(language: Language, data: Data | undefined): Params {
  const params: Params = {};
  if (!data) return params;
  for (const [name, value] of Object.entries(data)) {
    if (value !== null) params[name] = typeof value === 'boolean' ? String(value) : value;
  }
  // Limit findings: the text names the limit and the measured value in display units.
  const unit = typeof data['unit'] === 'string' ? data['unit'] : null;
  if (unit !== null) {
    for (const name of ['limit', 'value'] as const) {
      const raw = data[name];
      if (typeof raw === 'number') params[name] = formatMeasure(raw, unit);
    }
  }
  // Weight check: grams as kilograms, the difference with its sign.
  for (const name of ['expectedG', 'measuredG'] as const) {
    const raw = data[name];
    if (typeof raw === 'number') params[name] = formatKg(raw);
  }
  const tolerance = data['toleranceG'];
  if (typeof tolerance === 'number') params['toleranceG'] = formatGrams(tolerance);
  const difference = data['differenceG'];
  if (typeof difference === 'number') params['differenceG'] = `${difference > 0 ? '+' : difference < 0 ? '−' : ''}${formatGrams(Math.abs(difference))}`;
  // Money in minor units, in its currency.
  const currency = data['currency'];
  if (typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)) {
    for (const name of ['declaredValueMinor', 'thresholdMinor', 'insuranceCostMinor', 'valueMinor', 'costMinor'] as const) {
      const raw = data[name];
      if (typeof raw === 'number') params[name] = formatMinor(raw, currency);
    }
    const cost = data['insuranceCostMinor'] ?? data['costMinor'];
    params['cost'] = typeof cost === 'number' ? formatMinor(cost, currency) : translate(language, 'insurance.noRate');
  }
  // Older and newer stations name the product `subject` or `sku`; either fills both.
  const sku = params['sku'] ?? params['subject'];
  if (sku !== undefined) {
    params['sku'] ??= sku;
    params['subject'] ??= sku;
  } else if (typeof data['field'] === 'string') {
    // A customs field of the parcel as a whole (the countries), not of one product.
    params['sku'] = translate(language, 'customs.shipment');
  }
  for (const [name, prefix] of [
    ['status', 'status.'],
    ['lithium', 'lithium.'],
    ['field', 'customsField.'],
  ] as const) {
    const value = data[name];
    const key = `${prefix}${String(value)}`;
    if (typeof value === 'string' && isMessageKey(key)) params[name] = translate(language, key);
  }
  return params;
}

export function describeProblem(language: Language, problem: Problem): string {
  const key = `code.${problem.code}`;
  if (!isMessageKey(key)) return problem.message;
  return translateStrict(language, key, paramsFrom(language, problem.data)) ?? problem.message;
}

export function findingAsProblem(finding: Finding): Problem {
  return { code: finding.code, message: finding.message, data: finding.data };
}

/** A row error carries its column and order beside the code; they fill the same placeholders. */
export function rowErrorAsProblem(row: { code: string; message: string; column?: string | undefined; orderId?: string | undefined }): Problem {
  const data: Data = {};
  if (row.column !== undefined) data['column'] = row.column;
  if (row.orderId !== undefined) data['orderId'] = row.orderId;
  return { code: row.code, message: row.message, data };
}
