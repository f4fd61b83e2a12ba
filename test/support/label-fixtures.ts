import type { LabelAddress } from '../../shared/label/label-model';

// The addresses the label read-back tests print: a long Shenzhen ship-from and a US ship-to
// with every optional line, so the layout is exercised at its fullest.

export const SHIP_FROM_SHENZHEN: LabelAddress = {
  name: 'Shenzhen Bright Goods Co., Ltd.',
  lines: ['Room 1203, Block B, Tech Park', '18 Keji South Road, Nanshan'],
  city: 'Shenzhen',
  state: 'Guangdong',
  postalCode: '518057',
  countryCode: 'CN',
  phone: '+86 755 1234 5678',
};

export const SHIP_TO_SAN_FRANCISCO: LabelAddress = {
  name: 'Jane Q. Doe',
  lines: ['1200 Market Street', 'Apartment 4B, Building North'],
  city: 'San Francisco',
  state: 'CA',
  postalCode: '94103-1234',
  countryCode: 'US',
  phone: '+1 415 555 0100',
};
