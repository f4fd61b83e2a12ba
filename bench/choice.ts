import type { RateCard, RateRow, ServiceSpeed, Surcharge } from '../shared/domain/carrier-catalog';
import { SERVICE_SPEEDS } from '../shared/domain/carrier-catalog';
import { DEFAULT_CHOICE_RULES, chooseService, rateCardPrice } from '../shared/domain/service-choice';
import type { ChoiceEntry, ChoiceInput, ChoiceService } from '../shared/domain/service-choice';
import { seededRandom } from '../shared/random';
import type { GroupResult } from './figures';
import { emit, percentile, round } from './figures';

// The service choice the bench makes when a package is weighed: 20 services, each with a
// 500-row rate card (10 zones × 50 weight breaks), surcharges, holidays and transit tables,
// for a stream of packages and orders of every weight, level, destination and promise. The
// baseline is the rate-card lookups alone for the same packages (20 per choice), so the
// figure shows what destinations, surcharges, calendars, rules and explanations add.
//
// Target: p99 ≤ 2 ms per choice. Catalogue and packages come from a seeded generator
// (PACKBENCH_CHOICE_SEED to change it). The catalogue objects are built once and reused, as
// the station should, so the rate-card indexes are built during the warm-up; the first, cold
// choice is reported on its own, and a second pass reloads the catalogue for every package.

const SERVICES = 20;
const ZONES = 10;
const BREAKS = 50;
const PACKAGES = 1000;
const ITERATIONS = 5000;
const WARM_UP = 500;
const COUNTRIES = ['US', 'CA', 'MX', 'GB', 'DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'JP', 'KR', 'AU', 'NZ', 'SG', 'AE', 'SA', 'BR', 'CL', 'ZA', 'IN', 'TH', 'MY'];
const LEVELS = ['Std US D2D Dom', 'Standard', 'Expedited', 'SecondDay', 'NextDay', 'Priority', 'Scheduled', null];
/** HKD has no rate on purpose: some totals cannot be compared, as when a rate is missing in settings. */
const CURRENCIES = ['CNY', 'CNY', 'USD', 'EUR', 'JPY', 'HKD'];
const RATES = { USD: 7.2, EUR: 7.8, JPY: 0.048 };
const WEEKDAYS = [1, 2, 3, 4, 5];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function dateAfter(start: string, days: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function generateService(random: () => number, index: number): ChoiceService {
  const express = index % 3 !== 0;
  const currency = pick(random, CURRENCIES);
  const scale = currency === 'JPY' ? 20 : currency === 'CNY' ? 1 : 0.14;
  const rows: RateRow[] = [];
  for (let zone = 0; zone < ZONES; zone += 1) {
    // Breaks every 500 g up to 25 kg; the first kilograms go in 100 g steps as carriers price them.
    let price = (express ? 9000 : 2500) + zone * 800 + random() * 1000;
    for (let b = 0; b < BREAKS; b += 1) {
      const upToG = b < 10 ? (b + 1) * 100 : 1000 + (b - 9) * 600;
      price += (express ? 900 : 350) * (b < 10 ? 0.3 : 1) * (0.8 + random() * 0.4);
      rows.push({ zone: `Z${zone}`, upToG, priceMinor: Math.round(price * scale) });
    }
  }
  // Shuffled, so the engine cannot rely on the card being in order.
  for (let i = rows.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as RateRow, rows[i] as RateRow];
  }
  const perExtraKgMinor: Record<string, number> = {};
  for (let zone = 0; zone < ZONES; zone += 2) perExtraKgMinor[`Z${zone}`] = Math.round((express ? 1200 : 500) * scale);
  const rateCard: RateCard = { currency, rows, perExtraKgMinor };
  const zones: Record<string, string> = {};
  for (const country of COUNTRIES) if (random() < 0.85) zones[country] = `Z${Math.floor(random() * ZONES)}`;
  if (random() < 0.5) zones['*'] = `Z${ZONES - 1}`;
  const transit: Record<string, { minDays: number; maxDays: number }> = {};
  for (let zone = 0; zone < ZONES; zone += 1) {
    const minDays = express ? 1 + Math.floor(random() * 3) : 5 + Math.floor(random() * 8);
    transit[`Z${zone}`] = { minDays, maxDays: minDays + Math.floor(random() * (express ? 3 : 10)) };
  }
  const surcharges: Surcharge[] = [
    { code: 'REMOTE', kind: 'per-package', amountMinor: Math.round(2500 * scale), zones: ['Z7', 'Z8', 'Z9'] },
    { code: 'HANDLING', kind: 'per-kg', amountMinor: Math.round(120 * scale) },
    { code: 'OVERWEIGHT', kind: 'per-package', amountMinor: Math.round(40_000 * scale), fromBillableG: 20_000 },
  ];
  const holidays = Array.from({ length: 15 }, () => dateAfter('2026-11-01', Math.floor(random() * 120)));
  const speed: ServiceSpeed = express ? pick(random, SERVICE_SPEEDS.slice(2)) : pick(random, SERVICE_SPEEDS.slice(0, 2));
  return {
    id: `svc-${String(index).padStart(2, '0')}`,
    nameEn: `Service ${index}`,
    network: express ? 'express' : 'postal',
    speed,
    zones,
    transit,
    rateCard,
    surcharges,
    fuelSurchargePercent: express ? 15 + Math.round(random() * 100) / 10 : 0,
    cutoff: pick(random, ['15:00', '16:30', '17:00', '18:00']),
    pickupDays: random() < 0.2 ? [2, 4] : WEEKDAYS,
    workingDays: random() < 0.3 ? [1, 2, 3, 4, 5, 6] : WEEKDAYS,
    holidays,
  };
}

function generateInput(random: () => number, services: readonly ChoiceService[], stationHolidays: readonly string[]): ChoiceInput {
  const weightG = Math.round(50 + random() ** 2 * 30_000);
  const today = dateAfter('2026-11-20', Math.floor(random() * 60));
  const entries: ChoiceEntry[] = services.map((service) => {
    const eligible = random() < 0.8;
    const billableWeightG = Math.round(weightG * (1 + random() * 0.6));
    return { service, verdict: { eligible, findings: eligible ? [] : [{ code: 'SERVICE_TOO_HEAVY', severity: 'block', message: '', data: {} }], billableWeightG } };
  });
  return {
    services: entries,
    order: {
      toCountry: random() < 0.05 ? 'AQ' : pick(random, COUNTRIES),
      shipServiceLevel: pick(random, LEVELS),
      isPrime: random() < 0.1,
      latestDeliveryDate: random() < 0.2 ? null : dateAfter(today, 2 + Math.floor(random() * 18)),
    },
    pkg: { weightG, insured: random() < 0.2, insurance: { premiumMinor: 500 + Math.floor(random() * 5000), currency: pick(random, ['CNY', 'USD']) } },
    localNow: { date: today, minutes: Math.floor(random() * 1440) },
    stationHolidays,
    money: { currency: 'CNY', rates: RATES },
    rules: DEFAULT_CHOICE_RULES,
  };
}

export async function benchChoice(): Promise<GroupResult> {
  const seed = Number(process.env['PACKBENCH_CHOICE_SEED'] ?? 7);
  const random = seededRandom(seed);
  const services = Array.from({ length: SERVICES }, (_, i) => generateService(random, i));
  const stationHolidays = ['2026-12-25', '2027-01-01', '2027-02-16', '2027-02-17', '2027-02-18'];
  const inputs = Array.from({ length: PACKAGES }, () => generateInput(random, services, stationHolidays));
  const rows = services.reduce((sum, service) => sum + service.rateCard.rows.length, 0);
  process.stderr.write(`choice: ${SERVICES} services, ${rows} rate rows, ${PACKAGES} packages, seed ${seed}\n`);

  const coldStart = performance.now();
  let sink = chooseService(inputs[0] as ChoiceInput).options.length;
  const cold = performance.now() - coldStart;

  let defects = 0;
  let proposed = 0;
  const full: number[] = [];
  // CPU time beside wall time: on a shared machine a preempted sample inflates the wall p99,
  // and the CPU p99 tells that apart from a slow choice. Read outside the wall-timed region.
  const cpu: number[] = [];
  for (let i = 0; i < WARM_UP + ITERATIONS; i += 1) {
    const input = inputs[i % PACKAGES] as ChoiceInput;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const choice = chooseService(input);
    const elapsed = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    if (i >= WARM_UP) {
      full.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
    }
    sink += choice.options.length + choice.text.length;
    if (i < PACKAGES && choice.proposedServiceId !== null) {
      proposed += 1;
      // A proposal that cannot take the package is a defect, whatever the timing.
      const option = choice.options.find((o) => o.serviceId === choice.proposedServiceId);
      if (!option || !option.eligible || !option.served || option.cost === null) defects += 1;
    }
  }

  // The same choices with the catalogue loaded afresh for each package, as a repository
  // that maps rows to new objects on every read hands it over: no index survives, every
  // card is scanned. The copies are made outside the timed region.
  const fresh: number[] = [];
  for (let i = 0; i < WARM_UP + ITERATIONS; i += 1) {
    const input = inputs[i % PACKAGES] as ChoiceInput;
    const reloaded: ChoiceInput = {
      ...input,
      services: input.services.map(({ service, verdict }) => ({ service: { ...service, rateCard: { ...service.rateCard }, holidays: [...service.holidays] }, verdict })),
    };
    const start = performance.now();
    const choice = chooseService(reloaded);
    const elapsed = performance.now() - start;
    if (i >= WARM_UP) fresh.push(elapsed);
    sink += choice.options.length;
  }

  const lookups: number[] = [];
  for (let i = 0; i < WARM_UP + ITERATIONS; i += 1) {
    const input = inputs[i % PACKAGES] as ChoiceInput;
    const country = input.order.toCountry;
    const start = performance.now();
    for (const { service, verdict } of input.services) {
      const zone = service.zones[country] ?? service.zones['*'];
      if (zone !== undefined && verdict.billableWeightG !== null) sink += rateCardPrice(service.rateCard, zone, verdict.billableWeightG) ?? 0;
    }
    if (i >= WARM_UP) lookups.push(performance.now() - start);
  }

  process.stderr.write(
    `choice: ${proposed} of ${PACKAGES} packages get a proposal; cold first choice ${round(cold)} ms; ` +
      `choose p50 ${round(percentile(full, 50))} ms, max ${round(percentile(full, 100))} ms; by CPU time p99 ${round(percentile(cpu, 99))} ms; ` +
      `fresh catalogue p50 ${round(percentile(fresh, 50))} ms (digest ${sink})\n`,
  );
  if (defects > 0) process.stderr.write(`choice: ${defects} proposals were not candidates\n`);
  const lookupP99 = round(percentile(lookups, 99));
  emit({ bench: 'choice.rate_lookup_only_p99', value: lookupP99, unit: 'ms', better: 'lower' });
  emit({ bench: 'choice.choose_p50', value: round(percentile(full, 50)), unit: 'ms', better: 'lower' });
  emit({ bench: 'choice.choose_p99', value: round(percentile(full, 99)), unit: 'ms', target: 2, better: 'lower', baseline: lookupP99 });
  emit({ bench: 'choice.choose_fresh_catalogue_p99', value: round(percentile(fresh, 99)), unit: 'ms', target: 2, better: 'lower', baseline: lookupP99 });
  return { failed: defects > 0 };
}
