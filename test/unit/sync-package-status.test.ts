import { describe, expect, it } from 'vitest';
import { pulledPackageStatuses, trackingFacts } from '../../shared/sync/package-status';

describe('what a package status says of the parcel', () => {
  it.each([
    ['PENDING', null, { scanned: false, delivered: false, exception: false, returned: false }],
    ['SHIPPED', null, { scanned: false, delivered: false, exception: false, returned: false }],
    ['SHIPPED', 'PENDING_PICK_UP', { scanned: false, delivered: false, exception: false, returned: false }],
    ['SHIPPED', 'PICKED_UP', { scanned: true, delivered: false, exception: false, returned: false }],
    ['SHIPPED', 'DROPPED_OFF', { scanned: true, delivered: false, exception: false, returned: false }],
    ['IN_TRANSIT', null, { scanned: true, delivered: false, exception: false, returned: false }],
    ['IN_TRANSIT', 'OUT_FOR_DELIVERY', { scanned: true, delivered: false, exception: false, returned: false }],
    ['DELIVERED', null, { scanned: true, delivered: true, exception: false, returned: false }],
    ['DELIVERED', 'DELIVERED', { scanned: true, delivered: true, exception: false, returned: false }],
    ['UNDELIVERABLE', 'REJECTED_BY_BUYER', { scanned: true, delivered: false, exception: true, returned: false }],
    ['UNDELIVERABLE', null, { scanned: true, delivered: false, exception: true, returned: false }],
    ['IN_TRANSIT', 'LOST', { scanned: true, delivered: false, exception: true, returned: false }],
    ['IN_TRANSIT', 'DAMAGED', { scanned: true, delivered: false, exception: true, returned: false }],
    ['IN_TRANSIT', 'RETURNING_TO_SELLER', { scanned: true, delivered: false, exception: false, returned: true }],
    ['UNDELIVERABLE', 'RETURNED_TO_SELLER', { scanned: true, delivered: false, exception: true, returned: true }],
    ['CANCELLED', 'LABEL_CANCELLED', { scanned: false, delivered: false, exception: false, returned: false }],
  ])('%s / %s', (status, detail, facts) => {
    expect(trackingFacts(status, detail)).toEqual(facts);
  });
});

describe('the packages of a pulled order', () => {
  it('reads reference, tracking number and status; skips what is incomplete; never throws', () => {
    const raw = {
      orderId: '114-1234567-1234567',
      packages: [
        { packageReferenceId: '1', trackingNumber: 'RR123456785CN', packageStatus: { status: 'IN_TRANSIT', detailedStatus: 'PICKED_UP' } },
        { packageReferenceId: '2', packageStatus: { status: 'SHIPPED' } },
        { packageReferenceId: '3' },
        { trackingNumber: 'X', packageStatus: { status: 'DELIVERED' } },
        null,
      ],
    };
    expect(pulledPackageStatuses(raw)).toEqual([
      { orderId: '114-1234567-1234567', packageReferenceId: '1', trackingNumber: 'RR123456785CN', status: 'IN_TRANSIT', detailedStatus: 'PICKED_UP' },
      { orderId: '114-1234567-1234567', packageReferenceId: '2', trackingNumber: null, status: 'SHIPPED', detailedStatus: null },
    ]);
    expect(pulledPackageStatuses(null)).toEqual([]);
    expect(pulledPackageStatuses({ orderId: 'x' })).toEqual([]);
    expect(pulledPackageStatuses({ packages: [] })).toEqual([]);
  });
});
