import type { AppErrorShape, Finding, Language } from '../../../shared/contract';
import { formatMeasure } from '../format/units';
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
  for (const [name, prefix] of [
    ['status', 'status.'],
    ['lithium', 'lithium.'],
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
