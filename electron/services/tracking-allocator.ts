import type { Store } from '../db/store';
import type { ServiceRecord, TrackingRangeRecord } from '../db/repositories/carriers';
import { DomainError } from '../../shared/result';
import { rangeSupply } from '../../shared/domain/tracking-ranges';
import { makeTrackingNumber, recognizeTrackingNumber, validateTrackingNumber } from '../../shared/domain/tracking';
import type { TrackingFormat } from '../../shared/domain/tracking';

// Every tracking number the bench puts on a parcel passes through here, whatever its source:
// the bench's own carrier-assigned ranges, a pre-printed label the packer scans, or an online
// purchase. Each is recorded in the tracking_numbers ledger inside the caller's write
// transaction, so a number is never issued twice (the ledger's primary key) and every number a
// range gave out is accounted for (allocated, labelled, void or orphaned).

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT');
}

/**
 * The next number for a package from the service's ranges (or a voided one, where the carrier
 * allows reuse). Runs inside the caller's write transaction: if that transaction rolls back,
 * the number was never taken.
 */
export function allocateTrackingNumber(store: Store, service: ServiceRecord, packageId: number | null, at: string): string {
  if (service.voidedNumbersReusable && packageId !== null) {
    const reused = store.carriers.reissueVoided(service.id, packageId, at);
    if (reused) return reused.number;
  }
  const taken = store.carriers.takeNextSequence(service.id);
  if (!taken) {
    throw new DomainError('TRACKING_RANGE_EXHAUSTED', `No tracking numbers are left for ${service.nameEn}; add a new range from the carrier in settings.`, {
      serviceId: service.id,
    });
  }
  const number = makeTrackingNumber(service.trackingFormat, taken.range, taken.sequence);
  const valid = validateTrackingNumber(service.trackingFormat, number);
  if (!valid.ok) throw new DomainError(valid.code, `The range produced an invalid number ${number}: ${valid.message}`, { number });
  try {
    store.carriers.recordNumber({ number, serviceId: service.id, source: 'range', rangeId: taken.range.id, seq: taken.sequence, packageId, state: 'allocated', at });
  } catch (error) {
    // Two ranges that overlap (imported before the overlap check existed, or typed by hand
    // into the database) would hand out the same number: stop rather than print it twice.
    if (isUniqueViolation(error)) {
      throw new DomainError('TRACKING_NUMBER_USED', `${number} was already issued; the ranges of ${service.nameEn} overlap. Ask a supervisor to check them.`, {
        number,
        serviceId: service.id,
      });
    }
    throw error;
  }
  return number;
}

/** Scanner input as the number printed on a label: no spaces, capitals. */
export function normaliseTrackingInput(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}

/**
 * A pre-printed label the packer scanned for this package: it must be a valid number of the
 * service's format and must never have been used before. Recorded as allocated to the package
 * inside the caller's transaction.
 */
export function acceptPreprintedNumber(store: Store, service: ServiceRecord, raw: string, packageId: number, at: string): string {
  const number = normaliseTrackingInput(raw);
  const valid = validateTrackingNumber(service.trackingFormat, number);
  if (!valid.ok) {
    const recognized = recognizeTrackingNumber(number);
    const other = recognized.ok ? recognized.carrier : null;
    throw new DomainError(valid.code, valid.message, { number, serviceId: service.id, looksLike: other });
  }
  const existing = store.carriers.number(number);
  if (existing) {
    const where = existing.packageId === null ? null : store.shipments.get(existing.packageId);
    throw new DomainError('TRACKING_NUMBER_USED', `${number} was already used${where ? ` on order ${where.orderId}` : ''}; take a new label from the roll.`, {
      number,
      orderId: where?.orderId ?? null,
      state: existing.state,
    });
  }
  try {
    store.carriers.recordNumber({ number, serviceId: service.id, source: 'pre-printed', rangeId: null, seq: null, packageId, state: 'allocated', at });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('TRACKING_NUMBER_USED', `${number} was already used; take a new label from the roll.`, { number, orderId: null, state: null });
    throw error;
  }
  return number;
}

/**
 * A number bought online for this package: recorded like any other, so the ledger still
 * guarantees it is never on two parcels (a carrier that reissued one would be caught here).
 */
export function acceptOnlineNumber(store: Store, service: ServiceRecord, number: string, packageId: number, at: string): string {
  const recognized = recognizeTrackingNumber(number);
  if (!recognized.ok) {
    throw new DomainError('TRACKING_BAD_FORMAT', `The label bought for ${service.nameEn} carries ${number}, which is not a tracking number any carrier uses: void it and buy again.`, {
      number,
    });
  }
  try {
    store.carriers.recordNumber({ number, serviceId: service.id, source: 'online', rangeId: null, seq: null, packageId, state: 'allocated', at });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('TRACKING_NUMBER_USED', `${number} is already on another parcel; void the purchase and buy again.`, { number, orderId: null, state: null });
    throw error;
  }
  return number;
}

/**
 * A carrier-assigned range typed or imported in settings. `first` and `last` may be sequence
 * numbers or whole tracking numbers (carriers send either); both ends must make valid numbers
 * and the range may not share a number with any range already stored.
 */
export type RangeInput = { serviceId: string; prefix: string; suffix: string; first: string; last: string; reference: string; lowWarningAt: number };

const NUMERIC_LENGTH: Partial<Record<TrackingFormat, number>> = { 'dhl-express-10': 10, 'fedex-express-12': 12 };

/** The sequence a range bound stands for: the bound itself, or the sequence inside a whole tracking number. */
export function sequenceOf(format: TrackingFormat, prefix: string, suffix: string, value: string): number | null {
  const text = normaliseTrackingInput(value);
  const wholeLength = NUMERIC_LENGTH[format];
  const isWhole = wholeLength === undefined ? /[A-Z]/.test(text) : text.length === wholeLength && text.startsWith(prefix);
  if (!isWhole) return /^[0-9]{1,15}$/.test(text) ? Number(text) : null;
  if (!validateTrackingNumber(format, text).ok) return null;
  if (format === 'upu-s10') return text.slice(0, 2) === prefix && text.slice(11) === suffix ? Number(text.slice(2, 10)) : null;
  if (format === 'ups-1z') return text.slice(2, 10) === prefix ? Number(text.slice(10, 17)) : null;
  return Number(text.slice(prefix.length, -1));
}

export function addTrackingRange(store: Store, input: RangeInput, at: string): TrackingRangeRecord {
  const service = store.carriers.getService(input.serviceId);
  if (!service) throw new DomainError('SERVICE_NOT_FOUND', `There is no service ${input.serviceId}.`, { serviceId: input.serviceId });
  if (service.trackingSource !== 'range') {
    throw new DomainError('RANGE_NOT_USED', `${service.nameEn} takes its numbers from ${service.trackingSource === 'online' ? 'an online purchase' : 'pre-printed labels'}, not from a range.`, {
      serviceId: service.id,
    });
  }
  const prefix = input.prefix.trim().toUpperCase();
  const suffix = input.suffix.trim().toUpperCase();
  const firstSeq = sequenceOf(service.trackingFormat, prefix, suffix, input.first);
  const lastSeq = sequenceOf(service.trackingFormat, prefix, suffix, input.last);
  if (firstSeq === null || lastSeq === null) {
    throw new DomainError('RANGE_BAD_BOUNDS', 'The first and last of the range must be sequence numbers or tracking numbers with the range\'s prefix and suffix.', {
      first: input.first,
      last: input.last,
    });
  }
  if (firstSeq > lastSeq) throw new DomainError('RANGE_BAD_BOUNDS', 'The first number of the range comes after the last.', { first: input.first, last: input.last });
  for (const sequence of [firstSeq, lastSeq]) {
    let number: string;
    try {
      number = makeTrackingNumber(service.trackingFormat, { prefix, suffix }, sequence);
    } catch (error) {
      throw new DomainError('RANGE_BAD_FORMAT', `This range cannot make ${service.trackingFormat} numbers: ${error instanceof Error ? error.message : String(error)}`, { prefix, suffix });
    }
    const valid = validateTrackingNumber(service.trackingFormat, number);
    if (!valid.ok) throw new DomainError('RANGE_BAD_FORMAT', valid.message, { prefix, suffix });
  }
  const clash = store.carriers.overlappingRanges({ serviceId: service.id, prefix, suffix, firstSeq, lastSeq })[0];
  if (clash) {
    throw new DomainError('RANGE_OVERLAPS', `This range shares numbers with range ${clash.id} (${clash.prefix}…${clash.suffix} ${clash.firstSeq}–${clash.lastSeq}): numbers would be issued twice.`, {
      rangeId: clash.id,
    });
  }
  const id = store.carriers.insertRange({ serviceId: service.id, prefix, suffix, firstSeq, lastSeq, reference: input.reference.trim(), lowWarningAt: input.lowWarningAt, importedAt: at });
  const stored = store.carriers.ranges(service.id).find((range) => range.id === id);
  if (!stored) throw new Error(`range ${id} vanished after insert`);
  return stored;
}

export type RangeStatus = {
  serviceId: string;
  remaining: number;
  lowWarningAt: number;
  low: boolean;
  ranges: TrackingRangeRecord[];
  orphaned: number;
};

/** How many numbers each range-fed service has left, and whether that is below its warning level. */
export function rangeStatuses(store: Store): RangeStatus[] {
  return store.carriers
    .listServices()
    .filter((service) => service.trackingSource === 'range')
    .map((service) => {
      const ranges = store.carriers.ranges(service.id);
      return {
        serviceId: service.id,
        ...rangeSupply(ranges),
        ranges,
        orphaned: store.carriers.numbersOf(service.id, 'orphaned').length,
      };
    });
}
