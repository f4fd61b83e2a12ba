import { describe, expect, it } from 'vitest';
import { recipientAddress } from '../../shared/domain/recipient';

const base = { name: 'Ada Lovelace', address1: '12 St James Sq', address2: null, address3: null, city: 'London', state: null, postalCode: 'SW1Y 4LB', countryCode: 'GB', phone: null };

describe('the recipient as an address block', () => {
  it.each([
    ['one line', base, ['12 St James Sq']],
    ['all three lines, in order', { ...base, address2: 'Flat 3', address3: 'Rear entrance' }, ['12 St James Sq', 'Flat 3', 'Rear entrance']],
    ['empty and blank lines left out', { ...base, address2: '', address3: '   ' }, ['12 St James Sq']],
    ['a missing second line does not shift the third up into a gap', { ...base, address3: 'c/o Reception' }, ['12 St James Sq', 'c/o Reception']],
  ])('%s', (_name, recipient, lines) => {
    expect(recipientAddress(recipient)).toEqual({ name: 'Ada Lovelace', lines, city: 'London', state: null, postalCode: 'SW1Y 4LB', countryCode: 'GB', phone: null });
  });
});
