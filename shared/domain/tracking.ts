// Tracking numbers the bench allocates itself from carrier-assigned ranges, and checks before
// printing: Amazon's Valid Tracking Rate only counts numbers the carrier actually scans, so a
// number with a wrong check digit must never reach a label.
//
// Each format is one entry in FORMATS; recognising more carriers means adding entries, not
// branches.

export type TrackingFormat = 'upu-s10' | 'dhl-express-10' | 'fedex-express-12';

/** prefix/suffix as the carrier assigned them; suffix is only used by S10 (the country). */
export type TrackingRange = { prefix: string; suffix: string };

export type TrackingValidation =
  | { ok: true }
  | { ok: false; code: 'TRACKING_BAD_FORMAT' | 'TRACKING_BAD_CHECK_DIGIT'; message: string };

const DIGITS = /^[0-9]+$/;

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

function requireDigits(value: string, length: number, what: string): void {
  if (value.length !== length || !DIGITS.test(value)) {
    throw new RangeError(`${what} must be ${length} digits, got '${value}'`);
  }
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/**
 * UPU standard S10: weights 8 6 4 2 3 5 9 7 over the 8-digit serial,
 * check = 11 − (sum mod 11), where 10 becomes 0 and 11 becomes 5.
 */
export function s10CheckDigit(serial8: string): number {
  requireDigits(serial8, 8, 'An S10 serial');
  let sum = 0;
  S10_WEIGHTS.forEach((w, i) => {
    sum += digitAt(serial8, i) * w;
  });
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

/** DHL Express 10-digit waybill: the check digit is the 9-digit body modulo 7. */
export function dhlExpressCheckDigit(body9: string): number {
  requireDigits(body9, 9, 'A DHL Express body');
  // A 9-digit number is far below 2^53, so Number() is exact.
  return Number(body9) % 7;
}

/**
 * FedEx Express 12-digit: weights 1, 3, 7 repeating from the RIGHTMOST body digit
 * (equivalently 3, 1, 7 from the leftmost of the 11), check = (sum mod 11) mod 10.
 * No FedEx document was reachable; the algorithm is the one in jkeen/tracking_number_data
 * (couriers/fedex.json) and jbittel/drogher, and it reproduces every valid sample there
 * (986578788855, 477179081230, 799531274483, 790535312317, 974367662710) while weights
 * 3, 1, 7 counted from the right would reject four of the five.
 */
export function fedexExpress12CheckDigit(body11: string): number {
  requireDigits(body11, 11, 'A FedEx Express body');
  let sum = 0;
  let weight = 1;
  for (let i = 10; i >= 0; i -= 1) {
    sum += digitAt(body11, i) * weight;
    weight = weight === 1 ? 3 : weight === 3 ? 7 : 1;
  }
  return (sum % 11) % 10;
}

type FormatSpec = {
  label: string;
  shape: RegExp;
  /** What the shape is, in words, for a packer reading the message. */
  shapeText: string;
  example: string;
  /** Expected check digit of a value that already matches `shape`. */
  expectedCheckDigit: (value: string) => number;
  checkDigitIndex: number;
};

const FORMATS: Record<TrackingFormat, FormatSpec> = {
  'upu-s10': {
    label: 'UPU S10',
    shape: /^[A-Z]{2}[0-9]{9}[A-Z]{2}$/,
    shapeText: '2 capital letters, 8 digits, a check digit and a 2-letter country code',
    example: 'RR123456785CN',
    expectedCheckDigit: (v) => s10CheckDigit(v.slice(2, 10)),
    checkDigitIndex: 10,
  },
  'dhl-express-10': {
    label: 'DHL Express',
    shape: /^[0-9]{10}$/,
    shapeText: '10 digits',
    example: '3318810025',
    expectedCheckDigit: (v) => dhlExpressCheckDigit(v.slice(0, 9)),
    checkDigitIndex: 9,
  },
  'fedex-express-12': {
    label: 'FedEx Express',
    shape: /^[0-9]{12}$/,
    shapeText: '12 digits',
    example: '986578788855',
    expectedCheckDigit: (v) => fedexExpress12CheckDigit(v.slice(0, 11)),
    checkDigitIndex: 11,
  },
};

function numericBody(range: TrackingRange, sequence: number, bodyLength: number, label: string): string {
  if (range.suffix !== '') {
    throw new RangeError(`${label} numbers have no suffix, got '${range.suffix}'`);
  }
  if (range.prefix !== '' && !DIGITS.test(range.prefix)) {
    throw new RangeError(`${label} range prefix must be digits, got '${range.prefix}'`);
  }
  const width = bodyLength - range.prefix.length;
  if (width < 1) {
    throw new RangeError(`${label} range prefix '${range.prefix}' leaves no room for a sequence`);
  }
  if (sequence >= 10 ** width) {
    throw new RangeError(`Sequence ${sequence} does not fit in ${width} digits after prefix '${range.prefix}'`);
  }
  return range.prefix + String(sequence).padStart(width, '0');
}

/**
 * The full number for one sequence number in a carrier-assigned range. Throws RangeError
 * when the sequence or the range cannot make a number: the allocator checks exhaustion
 * before it asks, so reaching the throw is a bug, not a state of the bench.
 */
export function makeTrackingNumber(format: TrackingFormat, range: TrackingRange, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new RangeError(`Sequence must be a whole number of zero or more, got ${sequence}`);
  }
  switch (format) {
    case 'upu-s10': {
      if (!/^[A-Z]{2}$/.test(range.prefix) || !/^[A-Z]{2}$/.test(range.suffix)) {
        throw new RangeError(
          `An S10 range needs a 2-letter service prefix and a 2-letter country suffix, got '${range.prefix}'/'${range.suffix}'`,
        );
      }
      if (sequence > 99_999_999) {
        throw new RangeError(`Sequence ${sequence} does not fit the 8-digit S10 serial`);
      }
      const serial = String(sequence).padStart(8, '0');
      return range.prefix + serial + String(s10CheckDigit(serial)) + range.suffix;
    }
    case 'dhl-express-10': {
      const body = numericBody(range, sequence, 9, 'DHL Express');
      return body + String(dhlExpressCheckDigit(body));
    }
    case 'fedex-express-12': {
      const body = numericBody(range, sequence, 11, 'FedEx Express');
      return body + String(fedexExpress12CheckDigit(body));
    }
  }
}

/**
 * Checks the exact string: no trimming or upper-casing, because what is validated must be
 * what goes on the label and to the marketplace. Normalise scanner input before calling.
 */
export function validateTrackingNumber(format: TrackingFormat, value: string): TrackingValidation {
  const spec = FORMATS[format];
  if (!spec.shape.test(value)) {
    return {
      ok: false,
      code: 'TRACKING_BAD_FORMAT',
      message: `'${value}' is not a ${spec.label} tracking number: expected ${spec.shapeText}, like ${spec.example}.`,
    };
  }
  const expected = spec.expectedCheckDigit(value);
  const actual = digitAt(value, spec.checkDigitIndex);
  if (expected !== actual) {
    return {
      ok: false,
      code: 'TRACKING_BAD_CHECK_DIGIT',
      message: `'${value}' has check digit ${actual} but a ${spec.label} number with these digits needs ${expected}; it was probably mistyped or misread.`,
    };
  }
  return { ok: true };
}
