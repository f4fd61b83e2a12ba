import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalNow } from '../../shared/domain/calendar';
import type { RateCard, ServiceSpeed, Surcharge } from '../../shared/domain/carrier-catalog';
import {
  CHOICE_REASON_CODES,
  DEFAULT_CHOICE_RULES,
  applyingRule,
  checkChoiceRules,
  chooseService,
  explainOverride,
  fuelSurchargeMinor,
  rateCardPrice,
  requiredSpeedFor,
  toStationMinor,
} from '../../shared/domain/service-choice';
import type { ChoiceEntry, ChoiceInput, ChoiceOption, ChoiceRule, ChoiceService, ChoiceVerdict, ServiceChoice } from '../../shared/domain/service-choice';

// The station is in China and prices in CNY; Tuesday 1 December 2026, 10:00, unless a case
// says otherwise. Express takes 1–3 working days to the US, ePacket 7–10.
const TUESDAY_MORNING: LocalNow = { date: '2026-12-01', minutes: 10 * 60 };
const WEEKDAYS = [1, 2, 3, 4, 5];
const RATES = { USD: 7.2, JPY: 0.048 };

function card(currency: string, breaks: [number, number][], perExtraKgMinor?: number): RateCard {
  const rows = breaks.map(([upToG, priceMinor]) => ({ zone: 'US', upToG, priceMinor }));
  return perExtraKgMinor === undefined ? { currency, rows } : { currency, rows, perExtraKgMinor: { US: perExtraKgMinor } };
}

function service(id: string, overrides: Partial<ChoiceService> = {}): ChoiceService {
  return {
    id,
    nameEn: id,
    network: 'postal',
    speed: 'standard',
    zones: { US: 'US' },
    transit: { US: { minDays: 7, maxDays: 10 } },
    rateCard: card('CNY', [
      [500, 4500],
      [1000, 6000],
      [2000, 9000],
      [5000, 15000],
    ]),
    surcharges: [],
    fuelSurchargePercent: 0,
    cutoff: '17:00',
    pickupDays: WEEKDAYS,
    workingDays: WEEKDAYS,
    holidays: [],
    ...overrides,
  };
}

const EPACKET = service('cn-post-epacket', { nameEn: 'China Post ePacket' });
const DHL = service('dhl-express', {
  nameEn: 'DHL Express Worldwide',
  network: 'express',
  speed: 'priority',
  transit: { US: { minDays: 1, maxDays: 3 } },
  rateCard: card('CNY', [
    [500, 8500],
    [1000, 11000],
    [2000, 15000],
    [5000, 22000],
  ]),
});
const UPS_SAVER = service('ups-saver', {
  nameEn: 'UPS Worldwide Saver',
  network: 'express',
  speed: 'expedited',
  transit: { US: { minDays: 2, maxDays: 4 } },
  rateCard: card('USD', [
    [500, 1000],
    [5000, 3000],
  ]),
});

function eligible(billableWeightG: number): ChoiceVerdict {
  return { eligible: true, findings: [], billableWeightG };
}

function blocked(code: string, billableWeightG: number | null = 300): ChoiceVerdict {
  return { eligible: false, findings: [{ code, severity: 'block', message: `${code} (test)`, data: {} }], billableWeightG };
}

type Scenario = {
  services: (ChoiceService | ChoiceEntry)[];
  weightG?: number;
  level?: string | null;
  prime?: boolean;
  promised?: string | null;
  to?: string;
  now?: LocalNow;
  stationHolidays?: string[];
  insured?: boolean;
  insurance?: { premiumMinor: number; currency: string } | null;
  currency?: string;
  rates?: Record<string, number>;
  rules?: readonly ChoiceRule[];
};

function inputFor(s: Scenario): ChoiceInput {
  const weightG = s.weightG ?? 300;
  return {
    services: s.services.map((entry) => ('service' in entry ? entry : { service: entry, verdict: eligible(weightG) })),
    order: { toCountry: s.to ?? 'US', shipServiceLevel: s.level === undefined ? 'Standard' : s.level, isPrime: s.prime ?? false, latestDeliveryDate: s.promised ?? null },
    pkg: { weightG, insured: s.insured ?? false, insurance: s.insurance ?? null },
    localNow: s.now ?? TUESDAY_MORNING,
    stationHolidays: s.stationHolidays ?? [],
    money: { currency: s.currency ?? 'CNY', rates: s.rates ?? RATES },
    rules: s.rules ?? DEFAULT_CHOICE_RULES,
  };
}

function choose(s: Scenario): ServiceChoice {
  return chooseService(inputFor(s));
}

function option(choice: ServiceChoice, serviceId: string): ChoiceOption {
  const found = choice.options.find((o) => o.serviceId === serviceId);
  if (!found) throw new Error(`no option ${serviceId}`);
  return found;
}

function codes(choice: ServiceChoice): string[] {
  return choice.explanation.map((reason) => reason.code);
}

describe('eligibility comes from the verdicts', () => {
  it('an ineligible service is never proposed, even when it is the cheapest', () => {
    const choice = choose({ services: [{ service: EPACKET, verdict: blocked('SERVICE_TOO_HEAVY') }, DHL] });
    expect(choice.proposedServiceId).toBe('dhl-express');
    expect(option(choice, 'cn-post-epacket').excludedBy).toEqual(['SERVICE_INELIGIBLE']);
    expect(option(choice, 'cn-post-epacket').reasons[0]?.data).toMatchObject({ findings: 'SERVICE_TOO_HEAVY' });
  });

  it('a warning on a verdict does not stop an eligible service', () => {
    const verdict: ChoiceVerdict = { eligible: true, findings: [{ code: 'SERVICE_WEIGHT_SURCHARGE', severity: 'warn', message: '', data: {} }], billableWeightG: 300 };
    expect(choose({ services: [{ service: EPACKET, verdict }, DHL] }).proposedServiceId).toBe('cn-post-epacket');
  });

  it('when nothing can take the package there is no proposal, with each service’s reason', () => {
    const choice = choose({
      services: [{ service: EPACKET, verdict: blocked('LITHIUM_REFUSED') }, { service: DHL, verdict: blocked('SERVICE_TOO_LONG') }, service('de-only', { zones: { DE: 'EU' } })],
    });
    expect(choice.proposedServiceId).toBeNull();
    expect(codes(choice)).toContain('CHOICE_NONE_ELIGIBLE');
    expect(choice.options.map((o) => o.excludedBy[0])).toEqual(['SERVICE_INELIGIBLE', 'SERVICE_INELIGIBLE', 'SERVICE_NO_DESTINATION']);
    expect(choice.text).toBe(
      'No service can take this package — China Post ePacket: not eligible (LITHIUM_REFUSED); DHL Express Worldwide: not eligible (SERVICE_TOO_LONG); de-only: does not deliver to US.',
    );
  });

  it('a verdict paired with another service is a bug and throws', () => {
    const verdict = { ...eligible(300), serviceId: 'dhl-express' };
    expect(() => choose({ services: [{ service: EPACKET, verdict }] })).toThrow(RangeError);
  });

  it('an unmeasured package (no billable weight) has no price', () => {
    const choice = choose({ services: [{ service: EPACKET, verdict: { eligible: true, findings: [], billableWeightG: null } }] });
    expect(choice.proposedServiceId).toBeNull();
    expect(option(choice, 'cn-post-epacket').excludedBy).toEqual(['BILLABLE_WEIGHT_UNKNOWN']);
  });
});

describe('destination', () => {
  it.each<[string, Record<string, string>, string, string | null]>([
    ['a listed country takes its zone', { US: 'Z1', '*': 'Z9' }, 'US', 'Z1'],
    ['an unlisted country takes the catch-all zone', { DE: 'Z3', '*': 'Z9' }, 'US', 'Z9'],
    ['a country that maps to nothing is not served', { DE: 'Z3' }, 'US', null],
    ['the order’s country is read without regard to case or spaces', { US: 'Z1' }, ' us ', 'Z1'],
    ['a key inherited from Object is not a zone', { DE: 'Z3' }, 'constructor', null],
  ])('%s', (_name, zones, to, zone) => {
    const choice = choose({ services: [service('svc', { zones })], to });
    const o = option(choice, 'svc');
    expect(o.zone).toBe(zone);
    expect(o.served).toBe(zone !== null);
    expect(o.excludedBy.includes('SERVICE_NO_DESTINATION')).toBe(zone === null);
  });
});

describe('price from the rate card', () => {
  const stepped = card(
    'CNY',
    [
      [1000, 6000],
      [500, 4500],
      [2000, 9000],
    ],
    1500,
  );

  it.each<[string, number, number | null]>([
    ['a parcel of exactly a break takes that break', 500, 4500],
    ['a gram over a break takes the next', 501, 6000],
    ['the lightest parcel takes the first break', 1, 4500],
    ['exactly the last break', 2000, 9000],
    ['a gram past the last break adds one started kilogram', 2001, 10_500],
    ['a whole kilogram past the last break adds one', 3000, 10_500],
    ['a gram past that adds a second', 3001, 12_000],
  ])('%s (%i g → %i)', (_name, billableG, expected) => {
    expect(rateCardPrice(stepped, 'US', billableG)).toBe(expected);
  });

  it('past the last break without a per-kilogram price there is no rate', () => {
    expect(rateCardPrice(card('CNY', [[2000, 9000]]), 'US', 2001)).toBeNull();
    const choice = choose({ services: [service('svc', { rateCard: card('CNY', [[2000, 9000]]) })], weightG: 2500, rules: [] });
    expect(option(choice, 'svc').excludedBy).toEqual(['RATE_NOT_FOUND']);
    expect(option(choice, 'svc').cost).toBeNull();
    expect(choice.proposedServiceId).toBeNull();
  });

  it('a zone without rows has no rate', () => {
    expect(rateCardPrice(stepped, 'EU', 100)).toBeNull();
  });

  it('of two rows with the same break, the earlier one wins, whether the card is scanned or indexed', () => {
    const duplicated: RateCard = { currency: 'CNY', rows: [{ zone: 'US', upToG: 500, priceMinor: 111 }, { zone: 'US', upToG: 500, priceMinor: 222 }] };
    expect([rateCardPrice(duplicated, 'US', 400), rateCardPrice(duplicated, 'US', 400), rateCardPrice(duplicated, 'US', 500)]).toEqual([111, 111, 111]);
  });

  it('the volumetric billable weight from the verdict, not the actual weight, picks the row', () => {
    const choice = choose({ services: [{ service: EPACKET, verdict: eligible(1600) }], weightG: 800 });
    const o = option(choice, 'cn-post-epacket');
    expect(o.billableWeightG).toBe(1600);
    expect(o.cost?.rateMinor).toBe(9000);
  });

  it('looks up the same price as a scan of the sorted rows', () => {
    // Breaks on a coarse grid, so that cards with two rows for one break come up often.
    const row = fc.record({ upToG: fc.integer({ min: 1, max: 40 }).map((step) => step * 500), priceMinor: fc.integer({ min: 0, max: 100_000 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 40_000 }), fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }), (rows, billableG, perKg) => {
        const rateCard: RateCard = { currency: 'CNY', rows: rows.map((r) => ({ zone: 'US', ...r })), ...(perKg === undefined ? {} : { perExtraKgMinor: { US: perKg } }) };
        const sorted = [...rows].sort((a, b) => a.upToG - b.upToG);
        const hit = sorted.find((r) => r.upToG >= billableG);
        const last = sorted[sorted.length - 1] as (typeof sorted)[number];
        const expected = hit ? hit.priceMinor : perKg === undefined ? null : last.priceMinor + Math.ceil((billableG - last.upToG) / 1000) * perKg;
        // The first look-up scans the card, the second uses its index: both must agree.
        expect(rateCardPrice(rateCard, 'US', billableG)).toBe(expected);
        expect(rateCardPrice(rateCard, 'US', billableG)).toBe(expected);
      }),
    );
  });
});

describe('surcharges and fuel', () => {
  it.each<[string, Surcharge[], number, number]>([
    ['a per-package surcharge is added once', [{ code: 'REMOTE', kind: 'per-package', amountMinor: 1000 }], 1200, 1000],
    ['a per-kilogram surcharge counts started billable kilograms', [{ code: 'HANDLING', kind: 'per-kg', amountMinor: 150 }], 1200, 300],
    ['an overweight surcharge does not apply under its threshold', [{ code: 'OVERWEIGHT', kind: 'per-package', amountMinor: 5000, fromBillableG: 1500 }], 1200, 0],
    ['an overweight surcharge applies from exactly its threshold', [{ code: 'OVERWEIGHT', kind: 'per-package', amountMinor: 5000, fromBillableG: 1200 }], 1200, 5000],
    ['a surcharge for other zones does not apply', [{ code: 'ZONE8', kind: 'per-package', amountMinor: 700, zones: ['8'] }], 1200, 0],
    ['a surcharge for this zone applies', [{ code: 'ZONE8', kind: 'per-package', amountMinor: 700, zones: ['8', 'US'] }], 1200, 700],
  ])('%s', (_name, surcharges, billableG, expected) => {
    const choice = choose({ services: [{ service: service('svc', { surcharges }), verdict: eligible(billableG) }], weightG: billableG });
    expect(option(choice, 'svc').cost?.surchargesMinor).toBe(expected);
  });

  it('fuel is charged on the rate and the surcharges, rounded half up: 18.5 % of 163.00 is 30.155 → 30.16', () => {
    const svc = service('svc', {
      rateCard: DHL.rateCard,
      fuelSurchargePercent: 18.5,
      surcharges: [
        { code: 'REMOTE', kind: 'per-package', amountMinor: 1000 },
        { code: 'HANDLING', kind: 'per-kg', amountMinor: 150 },
      ],
    });
    const cost = option(choose({ services: [{ service: svc, verdict: eligible(1200) }], weightG: 1200 }), 'svc').cost;
    expect(cost).toMatchObject({ currency: 'CNY', rateMinor: 15_000, surchargesMinor: 1300, fuelMinor: 3016, totalMinor: 19_316, comparableMinor: 19_316 });
    expect(cost?.surcharges).toEqual([
      { code: 'REMOTE', amountMinor: 1000 },
      { code: 'HANDLING', amountMinor: 300 },
    ]);
  });

  it.each<[number, number, number]>([
    [18.5, 1001, 185],
    [12.5, 100, 13],
    [12.5, 20, 3],
    [7.25, 200, 15],
    [33.33, 300, 100],
    [0, 999, 0],
    [1.1, 5, 0],
  ])('fuel at %d %% of %i minor units is %i', (percent, base, expected) => {
    expect(fuelSurchargeMinor(percent, base)).toBe(expected);
  });
});

describe('money in the station’s currency', () => {
  it.each<[string, number, string, string, number | null]>([
    ['USD cents into CNY fen', 2000, 'USD', 'CNY', 14_400],
    ['yen (no minor unit) into CNY fen', 1500, 'JPY', 'CNY', 7200],
    ['CNY fen into yen', 1000, 'CNY', 'JPY', 205],
    ['half a fen rounds up', 3, 'USD', 'CNY', 22],
    ['the station’s own currency is unchanged', 4321, 'CNY', 'CNY', 4321],
    ['a currency without a rate cannot be compared', 1000, 'EUR', 'CNY', null],
  ])('%s', (_name, amount, from, station, expected) => {
    const rates: Record<string, number> = station === 'JPY' ? { CNY: 20.5 } : RATES;
    expect(toStationMinor(amount, from, { currency: station, rates })).toBe(expected);
  });

  it('a rate card in USD is compared in CNY', () => {
    const choice = choose({ services: [UPS_SAVER], level: 'Expedited' });
    expect(option(choice, 'ups-saver').cost).toMatchObject({ currency: 'USD', totalMinor: 1000, comparableMinor: 7200 });
  });

  it('a service whose currency has no rate is never proposed over one that can be compared, even if it looks cheaper', () => {
    const euro = service('eu-post', { rateCard: card('EUR', [[5000, 100]]) });
    const choice = choose({ services: [euro, EPACKET] });
    expect(choice.proposedServiceId).toBe('cn-post-epacket');
    expect(option(choice, 'eu-post').cost?.comparableMinor).toBeNull();
    expect(option(choice, 'eu-post').reasons.map((r) => r.code)).toContain('COST_NOT_COMPARABLE');
    expect(option(choice, 'eu-post').excludedBy).toEqual([]);
  });

  it('a service whose currency has no rate is still proposed when it is the only one, and says why its cost is unknown', () => {
    const euro = service('eu-post', { nameEn: 'EU Post', rateCard: card('EUR', [[5000, 100]]) });
    const choice = choose({ services: [euro] });
    expect(choice.proposedServiceId).toBe('eu-post');
    expect(codes(choice)).toContain('CHOICE_COST_UNKNOWN');
    expect(choice.text).toBe('EU Post: no cost can be compared; arrives by 2026-12-15; 1.00 EUR (no exchange rate EUR→CNY)');
  });
});

describe('insurance', () => {
  it.each<[string, boolean, { premiumMinor: number; currency: string } | null, number, boolean]>([
    ['a premium in CNY is added when insured', true, { premiumMinor: 1200, currency: 'CNY' }, 5700, true],
    ['a premium in USD is converted and added', true, { premiumMinor: 500, currency: 'USD' }, 8100, true],
    ['a premium is not added when the package is not insured', false, { premiumMinor: 1200, currency: 'CNY' }, 4500, false],
    ['a premium without an exchange rate is left out of every total', true, { premiumMinor: 900, currency: 'EUR' }, 4500, false],
    ['an insured package whose premium is unknown is compared without it', true, null, 4500, false],
  ])('%s', (_name, insured, insurance, comparable, included) => {
    const choice = choose({ services: [EPACKET], insured, insurance });
    const cost = option(choice, 'cn-post-epacket').cost;
    expect(cost?.comparableMinor).toBe(comparable);
    expect(cost?.totalMinor).toBe(4500);
    expect(cost?.insuranceIncluded).toBe(included);
    expect(codes(choice).includes('CHOICE_INSURANCE_NOT_COMPARED')).toBe(insured && !included);
  });

  it('keeps the premium in its own currency beside the carrier’s charges', () => {
    const cost = option(choose({ services: [UPS_SAVER], insured: true, insurance: { premiumMinor: 1200, currency: 'CNY' }, level: 'Expedited' }), 'ups-saver').cost;
    expect(cost).toMatchObject({ currency: 'USD', totalMinor: 1000, insuranceMinor: 1200, insuranceCurrency: 'CNY', comparableMinor: 8400 });
  });
});

describe('the promised delivery date', () => {
  const thursday: LocalNow = { date: '2026-12-03', minutes: 10 * 60 };

  it.each<[string, string, string[], string[], string, boolean]>([
    ['three working days from Thursday over the weekend arrive Tuesday: kept for Tuesday', '2026-12-08', [], [], '2026-12-08', true],
    ['…and missed for Monday', '2026-12-07', [], [], '2026-12-08', false],
    ['a station holiday on Monday pushes it to Wednesday: missed for Tuesday', '2026-12-08', ['2026-12-07'], [], '2026-12-09', false],
    ['a carrier holiday on Friday pushes it to Wednesday', '2026-12-09', [], ['2026-12-04'], '2026-12-09', true],
  ])('%s', (_name, promised, stationHolidays, carrierHolidays, latest, keeps) => {
    const dhl = { ...DHL, holidays: carrierHolidays };
    const o = option(choose({ services: [dhl], now: thursday, promised, stationHolidays }), 'dhl-express');
    expect(o.shipDate).toBe('2026-12-03');
    expect(o.deliveryEarliest).toBe(carrierHolidays.length > 0 ? '2026-12-07' : '2026-12-04');
    expect(o.deliveryLatest).toBe(latest);
    expect(o.keepsPromise).toBe(keeps);
  });

  it('without a promised date no service keeps or misses it', () => {
    expect(option(choose({ services: [DHL] }), 'dhl-express').keepsPromise).toBeNull();
  });

  it('a service without a transit time to the zone has no estimate and does not count as keeping the promise', () => {
    const noTransit = service('no-transit', { transit: {}, rateCard: card('CNY', [[5000, 100]]) });
    const choice = choose({ services: [noTransit, DHL], promised: '2026-12-10' });
    expect(option(choice, 'no-transit').deliveryLatest).toBeNull();
    expect(option(choice, 'no-transit').reasons.map((r) => r.code)).toContain('NO_TRANSIT_ESTIMATE');
    expect(choice.proposedServiceId).toBe('dhl-express');
  });

  const friday = (time: string): LocalNow => ({ date: '2026-12-04', minutes: Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) });
  const overnight = service('overnight', { network: 'express', speed: 'next-day', transit: { US: { minDays: 1, maxDays: 1 } } });

  it.each<[string, string, string, string, boolean]>([
    ['handed over Friday 16:59 it ships Friday and arrives Monday, as promised', '16:59', '2026-12-04', '2026-12-07', true],
    ['handed over Friday at 17:00 it ships Monday and arrives Tuesday, too late', '17:00', '2026-12-07', '2026-12-08', false],
  ])('%s', (_name, time, shipDate, latest, keeps) => {
    const o = option(choose({ services: [overnight], now: friday(time), promised: '2026-12-07' }), 'overnight');
    expect([o.shipDate, o.deliveryLatest, o.keepsPromise]).toEqual([shipDate, latest, keeps]);
  });

  it.each<[string, string, string]>([
    ['before the cheap service’s cut-off, the cheap service keeps the promise', '14:00', 'sf-express'],
    ['after the cheap service’s cut-off, only the later cut-off keeps the promise', '16:00', 'dhl-late'],
  ])('%s', (_name, time, expected) => {
    const sf = service('sf-express', { network: 'express', speed: 'next-day', cutoff: '15:00', transit: { US: { minDays: 1, maxDays: 1 } } });
    const late = service('dhl-late', { ...DHL, id: 'dhl-late', cutoff: '18:00', transit: { US: { minDays: 1, maxDays: 1 } } });
    expect(choose({ services: [sf, late], now: friday(time), promised: '2026-12-07' }).proposedServiceId).toBe(expected);
  });

  it('a promise-keeping service is proposed over a cheaper late one', () => {
    const choice = choose({ services: [EPACKET, DHL], promised: '2026-12-08' });
    expect(choice.proposedServiceId).toBe('dhl-express');
    expect(option(choice, 'cn-post-epacket').keepsPromise).toBe(false);
    expect(choice.explanation).toContainEqual({ code: 'CHOICE_CHEAPER_EXCLUDED', data: { serviceId: 'cn-post-epacket', comparableMinor: 4500, currency: 'CNY', because: 'PROMISE_MISSED' } });
  });

  it('when nothing arrives in time the fastest is proposed, and says so', () => {
    const choice = choose({ services: [EPACKET, DHL, UPS_SAVER], promised: '2026-12-02' });
    expect(choice.proposedServiceId).toBe('dhl-express');
    expect(codes(choice)).toEqual(expect.arrayContaining(['CHOICE_NONE_IN_TIME', 'CHOICE_FASTEST']));
    expect(choice.text).toBe('DHL Express Worldwide: arrives by 2026-12-04; nothing arrives by the promised 2026-12-02; 85.00 CNY');
  });
});

describe('ship service level', () => {
  it.each<[string | null, boolean, ServiceSpeed]>([
    ['Std US D2D Dom', false, 'standard'],
    ['Standard', false, 'standard'],
    [' standard ', false, 'standard'],
    ['FreeEconomy', false, 'economy'],
    ['Expedited', false, 'expedited'],
    ['EXPEDITED', false, 'expedited'],
    ['SecondDay', false, 'priority'],
    ['Second Day', false, 'priority'],
    ['Priority', false, 'priority'],
    ['NextDay', false, 'next-day'],
    ['next-day', false, 'next-day'],
    ['Scheduled', false, 'standard'],
    [null, false, 'standard'],
    ['Teleport', false, 'standard'],
    ['Standard', true, 'expedited'],
    [null, true, 'expedited'],
    ['NextDay', true, 'next-day'],
  ])('level %j (Prime: %s) needs %s or faster', (level, prime, speed) => {
    expect(requiredSpeedFor(level, prime)).toBe(speed);
  });

  it('a service slower than the level asks is not a candidate', () => {
    const choice = choose({ services: [EPACKET, UPS_SAVER], level: 'Expedited', rules: [] });
    expect(choice.proposedServiceId).toBe('ups-saver');
    expect(option(choice, 'cn-post-epacket').excludedBy).toEqual(['SERVICE_TOO_SLOW']);
    expect(option(choice, 'cn-post-epacket').keepsLevel).toBe(false);
  });

  it('when no eligible service is fast enough, the fallback is explained', () => {
    const choice = choose({ services: [EPACKET], level: 'NextDay', rules: [] });
    expect(choice.proposedServiceId).toBe('cn-post-epacket');
    expect(codes(choice)).toContain('CHOICE_SPEED_UNMET');
    expect(choice.text).toContain('no eligible service is next-day or faster as ship service level NextDay asks');
  });
});

describe('choice rules', () => {
  it('3 kg to the US goes express under "over 2 kg → express", and the sentence names the rule', () => {
    const choice = choose({ services: [EPACKET, DHL], weightG: 3000 });
    expect(choice.proposedServiceId).toBe('dhl-express');
    expect(choice.ruleId).toBe('over-2kg-express');
    expect(option(choice, 'cn-post-epacket').excludedBy).toEqual(['RULE_NOT_MET']);
    expect(codes(choice)).toEqual(expect.arrayContaining(['CHOICE_RULE_APPLIED', 'CHOICE_CHEAPEST', 'CHOICE_NO_PROMISE', 'CHOICE_CHEAPER_EXCLUDED']));
    expect(choice.text).toBe('DHL Express Worldwide: 3.00 kg is over 2.00 kg, so express only (rule over-2kg-express); arrives by 2026-12-04; 220.00 CNY');
  });

  it('a 300 g standard order goes by the cheapest postal service', () => {
    const choice = choose({ services: [DHL, UPS_SAVER, EPACKET], weightG: 300, level: 'Std US D2D Dom' });
    expect(choice.proposedServiceId).toBe('cn-post-epacket');
    expect(choice.ruleId).toBeNull();
    expect(choice.text).toBe('China Post ePacket: cheapest of 3; arrives by 2026-12-15; 45.00 CNY');
  });

  it('an Expedited order goes express', () => {
    const choice = choose({ services: [EPACKET, DHL, UPS_SAVER], level: 'Expedited' });
    expect(choice.proposedServiceId).toBe('ups-saver');
    expect(choice.ruleId).toBe('fast-levels-express');
    expect(option(choice, 'cn-post-epacket').excludedBy).toEqual(['SERVICE_TOO_SLOW', 'RULE_NOT_MET']);
    expect(choice.text).toBe('UPS Worldwide Saver: ship service level Expedited, so express only (rule fast-levels-express); cheapest of 2; arrives by 2026-12-07; 72.00 CNY');
  });

  it('the 2 kg rule reads the actual weight, not the volumetric billable weight', () => {
    const choice = choose({ services: [{ service: EPACKET, verdict: eligible(2600) }, { service: DHL, verdict: eligible(2600) }], weightG: 1800 });
    expect(choice.ruleId).toBeNull();
    expect(choice.proposedServiceId).toBe('cn-post-epacket');
  });

  it('when no eligible service meets the rule, the rule is dropped and that is said', () => {
    const choice = choose({ services: [EPACKET, { service: DHL, verdict: blocked('LITHIUM_REFUSED', 3000) }], weightG: 3000 });
    expect(choice.proposedServiceId).toBe('cn-post-epacket');
    expect(codes(choice)).toContain('CHOICE_RULE_UNMET');
    expect(choice.text).toBe('China Post ePacket: no eligible service meets 3.00 kg is over 2.00 kg, so express only (rule over-2kg-express); arrives by 2026-12-15; 150.00 CNY');
  });

  it.each<[string, Partial<ChoiceInput['order']>, number, string | null]>([
    ['the first matching rule applies', { shipServiceLevel: 'Expedited' }, 3000, 'heavy'],
    ['a later rule applies when the first does not match', { shipServiceLevel: 'Expedited' }, 1000, 'levels'],
    ['service levels match without regard to case and spaces', { shipServiceLevel: 'second day' }, 1000, 'levels'],
    ['a Prime rule applies to a Prime order', { isPrime: true }, 1000, 'prime-to-jp'],
    ['a Prime rule does not apply elsewhere', { isPrime: true, toCountry: 'US' }, 1000, null],
    ['a light standard order matches no rule', {}, 1000, null],
  ])('%s', (_name, order, weightG, expected) => {
    const rules: ChoiceRule[] = [
      { id: 'heavy', when: { minWeightG: 2001, maxWeightG: 30_000 }, require: { network: 'express' } },
      { id: 'levels', when: { serviceLevels: ['SecondDay', 'Expedited'] }, require: { minSpeed: 'expedited' } },
      { id: 'prime-to-jp', when: { prime: true, countries: ['jp'] }, require: { services: ['dhl-express'] } },
    ];
    const full = { toCountry: 'JP', shipServiceLevel: 'Standard', isPrime: false, latestDeliveryDate: null, ...order };
    expect(applyingRule(rules, full, weightG)?.id ?? null).toBe(expected);
  });

  it('the default rules are valid', () => {
    expect(checkChoiceRules(DEFAULT_CHOICE_RULES)).toEqual({ ok: true, rules: DEFAULT_CHOICE_RULES });
  });

  it.each<[string, unknown, string]>([
    ['rules that are not a list', { id: 'x' }, ''],
    ['a rule without an id', [{ when: {}, require: { network: 'express' } }], '[0].id'],
    ['two rules with one id', [{ id: 'a', when: {}, require: { network: 'express' } }, { id: 'a', when: {}, require: { network: 'postal' } }], '[1].id'],
    ['a misspelt condition', [{ id: 'a', when: { minWeight: 2001 }, require: { network: 'express' } }], '[0].when.minWeight'],
    ['a negative weight', [{ id: 'a', when: { minWeightG: -1 }, require: { network: 'express' } }], '[0].when.minWeightG'],
    ['a weight range that can never match', [{ id: 'a', when: { minWeightG: 3000, maxWeightG: 2000 }, require: { network: 'express' } }], '[0].when'],
    ['an unknown network', [{ id: 'a', when: {}, require: { network: 'air' } }], '[0].require.network'],
    ['an unknown speed', [{ id: 'a', when: {}, require: { minSpeed: 'warp' } }], '[0].require.minSpeed'],
    ['a rule that requires nothing', [{ id: 'a', when: {}, require: {} }], '[0].require'],
    ['a three-letter country', [{ id: 'a', when: { countries: ['USA'] }, require: { network: 'express' } }], '[0].when.countries'],
    ['an empty list of levels', [{ id: 'a', when: { serviceLevels: [] }, require: { network: 'express' } }], '[0].when.serviceLevels'],
  ])('refuses %s', (_name, value, path) => {
    const result = checkChoiceRules(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(path);
  });
});

describe('tie-breaks', () => {
  it('of two services at the same price, the one arriving earlier is proposed', () => {
    const slow = service('slow', { transit: { US: { minDays: 7, maxDays: 10 } } });
    const quick = service('quick', { transit: { US: { minDays: 3, maxDays: 5 } } });
    const choice = choose({ services: [slow, quick] });
    expect(choice.proposedServiceId).toBe('quick');
    expect(choice.explanation).toContainEqual({ code: 'CHOICE_TIE_BROKEN', data: { serviceId: 'quick', otherServiceId: 'slow', by: 'delivery' } });
  });

  it.each<[string, string[], string]>([
    ['the first in the catalogue wins a full tie', ['twin-a', 'twin-b'], 'twin-a'],
    ['and reversing the catalogue reverses it', ['twin-b', 'twin-a'], 'twin-b'],
  ])('%s', (_name, order, expected) => {
    const choice = choose({ services: order.map((id) => service(id)) });
    expect(choice.proposedServiceId).toBe(expected);
    expect(choice.explanation.find((r) => r.code === 'CHOICE_TIE_BROKEN')?.data['by']).toBe('catalogue-order');
  });
});

describe('determinism', () => {
  it('the same input gives the same choice, and the input is left untouched', () => {
    const input = inputFor({ services: [EPACKET, DHL, UPS_SAVER], weightG: 3000, promised: '2026-12-07', insured: true, insurance: { premiumMinor: 800, currency: 'USD' } });
    const before = JSON.stringify(input);
    const first = chooseService(input);
    const second = chooseService(input);
    expect(second).toEqual(first);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('every reason code used is in the exported list', () => {
    const all = [
      choose({ services: [EPACKET, DHL, UPS_SAVER], weightG: 3000, promised: '2026-12-02' }),
      choose({ services: [{ service: EPACKET, verdict: blocked('X') }, service('de', { zones: { DE: 'EU' } })] }),
    ];
    const used = all.flatMap((choice) => [...choice.explanation, ...choice.options.flatMap((o) => o.reasons)].map((r) => r.code));
    for (const code of used) expect(CHOICE_REASON_CODES).toContain(code);
  });
});

describe('what an override gives up', () => {
  it('picking express over the proposed ePacket costs more and arrives earlier', () => {
    const choice = choose({ services: [EPACKET, DHL] });
    const override = explainOverride(choice, 'dhl-express');
    expect(override).toMatchObject({ allowed: true, extraCostMinor: 4000, daysLater: -11, missesPromise: false, currency: 'CNY' });
    expect(override.text).toBe('DHL Express Worldwide instead of China Post ePacket: costs 40.00 CNY more, arrives 11 days earlier');
  });

  it('picking ePacket over the promise-keeping express saves money but arrives later, misses the promise and breaks the rule', () => {
    const choice = choose({ services: [EPACKET, DHL], weightG: 3000, promised: '2026-12-08' });
    const override = explainOverride(choice, 'cn-post-epacket');
    expect(override.reasons.map((r) => r.code)).toEqual(['OVERRIDE_COSTS_LESS', 'OVERRIDE_ARRIVES_LATER', 'OVERRIDE_MISSES_PROMISE', 'OVERRIDE_BREAKS_RULE']);
    expect(override.text).toBe('China Post ePacket instead of DHL Express Worldwide: saves 70.00 CNY, arrives 11 days later, misses the promised 2026-12-08, breaks rule over-2kg-express');
  });

  it('picking a slower service than the level asks says so', () => {
    const override = explainOverride(choose({ services: [EPACKET, UPS_SAVER], level: 'Expedited', rules: [] }), 'cn-post-epacket');
    expect(override.reasons.map((r) => r.code)).toContain('OVERRIDE_TOO_SLOW');
    expect(override.allowed).toBe(true);
  });

  it.each<[string, string, string]>([
    ['an ineligible service cannot be picked', 'cn-post-epacket', 'OVERRIDE_NOT_ALLOWED'],
    ['an unknown service cannot be picked', 'pigeon', 'OVERRIDE_UNKNOWN_SERVICE'],
  ])('%s', (_name, serviceId, code) => {
    const choice = choose({ services: [{ service: EPACKET, verdict: blocked('SERVICE_TOO_HEAVY') }, DHL] });
    const override = explainOverride(choice, serviceId);
    expect(override.allowed).toBe(false);
    expect(override.reasons[0]?.code).toBe(code);
  });

  it('picking the proposal gives nothing up', () => {
    const override = explainOverride(choose({ services: [EPACKET, DHL] }), 'cn-post-epacket');
    expect(override.reasons.map((r) => r.code)).toEqual(['OVERRIDE_SAME_SERVICE']);
    expect(override.text).toBe('China Post ePacket is the proposed service');
  });
});

describe('the proposal, for any catalogue', () => {
  const speeds = fc.constantFrom<ServiceSpeed>('standard', 'expedited', 'priority', 'next-day');
  const arbitraryService = fc.record({
    eligible: fc.boolean(),
    served: fc.boolean(),
    currency: fc.constantFrom('CNY', 'USD', 'EUR'),
    breaks: fc.array(fc.tuple(fc.integer({ min: 100, max: 6000 }), fc.integer({ min: 100, max: 50_000 })), { minLength: 1, maxLength: 5 }),
    perKg: fc.option(fc.integer({ min: 100, max: 3000 }), { nil: undefined }),
    minDays: fc.integer({ min: 0, max: 6 }),
    spread: fc.integer({ min: 0, max: 8 }),
    speed: speeds,
    network: fc.constantFrom<'postal' | 'express'>('postal', 'express'),
    cutoff: fc.constantFrom('09:00', '15:00', '17:30'),
    fuel: fc.constantFrom(0, 12.5, 18.5),
  });
  const scenario = fc.record({
    services: fc.array(arbitraryService, { minLength: 1, maxLength: 6 }),
    billableG: fc.integer({ min: 50, max: 8000 }),
    minutes: fc.integer({ min: 0, max: 1439 }),
    promiseInDays: fc.option(fc.integer({ min: 0, max: 25 }), { nil: null }),
  });

  it('is always a candidate, keeps the promise when any candidate does, and is never dearer than another that does', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const entries: ChoiceEntry[] = s.services.map((g, i) => ({
          service: service(`svc-${i}`, {
            zones: g.served ? { US: 'US' } : { DE: 'EU' },
            rateCard: card(g.currency, g.breaks, g.perKg),
            transit: { US: { minDays: g.minDays, maxDays: g.minDays + g.spread } },
            speed: g.speed,
            network: g.network,
            cutoff: g.cutoff,
            fuelSurchargePercent: g.fuel,
          }),
          verdict: g.eligible ? eligible(s.billableG) : blocked('X', s.billableG),
        }));
        const promised = s.promiseInDays === null ? null : new Date(Date.UTC(2026, 11, 1 + s.promiseInDays)).toISOString().slice(0, 10);
        const choice = chooseService({
          ...inputFor({ services: entries, weightG: s.billableG, level: null, promised, rules: [] }),
          localNow: { date: '2026-12-01', minutes: s.minutes },
        });
        const candidates = choice.options.filter((o) => o.eligible && o.served && o.cost !== null);
        if (candidates.length === 0) {
          expect(choice.proposedServiceId).toBeNull();
          return;
        }
        const proposal = candidates.find((o) => o.serviceId === choice.proposedServiceId);
        expect(proposal).toBeDefined();
        const chosen = proposal as ChoiceOption;
        const comparable = (o: ChoiceOption) => o.cost?.comparableMinor ?? null;
        const keepers = promised === null ? candidates : candidates.filter((o) => o.keepsPromise === true);
        if (keepers.length > 0) {
          expect(keepers).toContain(chosen);
          for (const other of keepers) {
            const price = comparable(other);
            if (price !== null) {
              expect(comparable(chosen)).not.toBeNull();
              expect(comparable(chosen) as number).toBeLessThanOrEqual(price);
            }
          }
        } else {
          for (const other of candidates) {
            if (comparable(other) !== null) {
              expect(comparable(chosen)).not.toBeNull();
              if (other.deliveryLatest !== null) expect((chosen.deliveryLatest ?? '9999') <= other.deliveryLatest).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
