import type { ChoiceReasonView } from '../../../shared/contract';
import { isMessageKey } from '../i18n/translate';
import type { Params, Translate } from '../i18n/translate';

// The bench's service proposal arrives as reasons with a code and data (shared/domain/
// service-choice.ts); the screen turns each into a sentence in the station's language, with
// service ids as their names and money in the currency's own format.

const MONEY_FIELDS: Array<[amount: string, currency: string]> = [
  ['comparableMinor', 'currency'],
  ['premiumMinor', 'currency'],
  ['extraMinor', 'currency'],
  ['savedMinor', 'currency'],
];

export function describeChoiceReason(
  reason: ChoiceReasonView,
  t: Translate,
  serviceName: (id: string) => string,
  money: (minor: number, currency: string) => string,
): string {
  const params: Params = {};
  for (const [name, value] of Object.entries(reason.data)) {
    if (value !== null) params[name] = typeof value === 'boolean' ? String(value) : value;
  }
  for (const field of ['serviceId', 'otherServiceId']) {
    const id = reason.data[field];
    if (typeof id === 'string') params[field === 'serviceId' ? 'service' : 'other'] = serviceName(id);
  }
  for (const [amount, currency] of MONEY_FIELDS) {
    const value = reason.data[amount];
    const code = reason.data[currency];
    if (typeof value === 'number' && typeof code === 'string') params[amount] = money(value, code);
  }
  const weight = reason.data['weightG'];
  if (typeof weight === 'number') params['weight'] = `${(weight / 1000).toFixed(2)} kg`;
  const network = reason.data['network'];
  if (typeof network === 'string') params['network'] = t(network === 'express' ? 'choice.network.express' : 'choice.network.postal');
  const because = reason.data['because'];
  if (typeof because === 'string') {
    const key = `choice.${because}`;
    params['because'] = isMessageKey(key) ? t(key, params) : because;
  }
  const key = `choice.${reason.code}`;
  return isMessageKey(key) ? t(key, params) : reason.code;
}
