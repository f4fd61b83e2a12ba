import type {
  AppErrorShape,
  Box,
  ChannelInput,
  ChannelResult,
  HistoryEntry,
  Operator,
  OrderStatus,
  OrderSummary,
  PackLine,
  PackView,
  PickList,
  ScanOutcome,
  Settings,
} from '../../shared/contract';
import { checkInsurance } from '../../shared/domain/compliance';
import { checkExpectedWeight, expectedWeightG, toleranceG } from '../../shared/domain/expected-weight';
import { parseWeight } from '../../shared/domain/weight';
import { currentPackage, decideCommand, decideOpen, decideQuantity, decideScan, isOrderComplete, replay, totalRemaining } from '../../shared/pack/pack-session';
import type { Command, DecideContext, PackFact, ResolvedScan, SessionLine, SessionState } from '../../shared/pack/pack-session';

// The pack desk of the fake station: the real pack-session state machine from shared/ over
// in-memory facts, so the screens meet the same outcomes, alerts, prompts and packages as
// against the real station. Box, weight and label steps imitate the station closely enough
// for the screens; the real rules are tested against the real services.

export type FakeProduct = {
  sku: string;
  gtin: string | null;
  nameEn: string;
  nameZh: string;
  unitWeightG: number;
  binLocation: string | null;
  serialRequired?: boolean;
  quantityEntryAllowed?: boolean;
  /** Declared value per unit, for the insurance threshold. */
  valueMinor?: number;
  currency?: string;
  lithium?: PackLine['lithium'];
};

export type FakeDeskOrder = {
  orderId: string;
  status?: OrderStatus;
  latestShipDate: string | null;
  recipientName: string;
  buyerName: string | null;
  countryCode: string;
  isPrime: boolean;
  shipServiceLevel: string | null;
  flags: OrderSummary['flags'];
  lines: Array<{ sku: string; quantity: number }>;
};

export type DeskOperator = Operator & { pin: string | null; badge: string | null; active: boolean };

export type FakeDeskOptions = {
  /** Runs before a scan is decided; a test holds it to keep a scan "in flight". */
  beforeScan?: (input: ChannelInput<'pack:scan'>) => Promise<void>;
  /** The answers to this many scans are lost after the scan is stored (the renderer sees NETWORK). */
  loseScanAnswers?: number;
  /** Orders already opened by another operator: order id → operator name. */
  heldBy?: Record<string, string>;
  /** The first print attempt fails (printer offline); a retry succeeds. */
  printFailsFirst?: boolean;
  /** The first print of each slip or customs form fails; printing it again succeeds. */
  documentPrintFailsFirst?: boolean;
  /**
   * Compare the weight with the expected one (Σ unit weight + box tare, settings.weightCheck).
   * Off by default, so tests that type any weight are not stopped by it.
   */
  checkWeight?: boolean;
  /** What the box suggestion says, instead of the fake's own (the lightest box that carries the units). */
  boxSuggestion?: PackView['boxSuggestion'];
  /** Declared values per SKU, over the canned products' none. */
  values?: Record<string, { valueMinor: number; currency: string }>;
  /** Catalogue weight corrections waiting for a supervisor. */
  weightSuggestions?: Array<{ sku: string; catalogueG: number | null; suggestedG: number; samples: number }>;
  /** Customs form and lithium mark the view reports. */
  customsForm?: PackView['customsForm'];
  lithiumMark?: boolean;
};

type PackageMeta = {
  boxId: string | null;
  dims: { lengthMm: number; widthMm: number; heightMm: number } | null;
  weightG: number | null;
  serviceId: string | null;
  trackingNumber: string | null;
  print: PackView['print'];
  documentPrints: PackView['documentPrints'];
  pulled: boolean;
  weightSource: PackView['weightSource'];
  weightOverride: string | null;
  insured: boolean;
};

type Desk = {
  status: OrderStatus;
  facts: PackFact[];
  meta: Map<number, PackageMeta>;
  answers: Map<string, { outcome: ScanOutcome }>;
  history: HistoryEntry[];
};

type Deps = {
  orders: FakeDeskOrder[];
  products: FakeProduct[];
  boxes: Box[];
  settings: () => Settings;
  operator: () => DeskOperator | null;
  operators: () => DeskOperator[];
  options: FakeDeskOptions;
};

function fail(code: string, message: string, data?: AppErrorShape['data']): { ok: false; error: AppErrorShape } {
  return { ok: false, error: data === undefined ? { code, message } : { code, message, data } };
}

const PACKABLE: ReadonlySet<OrderStatus> = new Set(['new', 'acknowledged', 'packing']);

/** English texts for outcome codes, as the station words them (the screen translates by code). */
function messageFor(code: string, data: Record<string, string | number | boolean | null>): string {
  const sku = String(data['sku'] ?? '');
  switch (code) {
    case 'SCAN_ACCEPTED':
      return data['serial'] !== undefined ? `${sku}: serial ${String(data['serial'])} accepted.` : `${sku}: ${String(data['scanned'])} of ${String(data['quantity'])}`;
    case 'SCAN_WRONG_ITEM':
      return `${sku} is not in this order: put it aside.`;
    case 'SCAN_OVER_SCAN':
      return `${sku}: all ${String(data['ordered'])} ordered units are already scanned; take this one out.`;
    case 'SCAN_UNKNOWN_BARCODE':
      return `${String(data['code'])} is not a known product barcode or SKU.`;
    default:
      return `${code}.`;
  }
}

export function createFakePackDesk(deps: Deps) {
  const desks = new Map<string, Desk>();
  let printAttempts = 0;
  let lostAnswers = deps.options.loseScanAnswers ?? 0;
  let historyId = 0;
  const trackingCount = new Map<string, number>();

  const find = (orderId: string) => deps.orders.find((order) => order.orderId === orderId.trim().toUpperCase());
  const product = (sku: string) => deps.products.find((candidate) => candidate.sku === sku);
  const valueOf = (sku: string): { valueMinor: number; currency: string } | undefined => {
    const item = product(sku);
    return deps.options.values?.[sku] ?? (item?.valueMinor !== undefined && item.currency !== undefined ? { valueMinor: item.valueMinor, currency: item.currency } : undefined);
  };
  let weightSuggestions = [...(deps.options.weightSuggestions ?? [])];
  const lineId = (order: FakeDeskOrder, index: number) => `${order.orderId}-${index}`;

  function sessionLines(order: FakeDeskOrder): SessionLine[] {
    return order.lines.map((line, index) => ({
      orderItemId: lineId(order, index),
      sku: line.sku,
      quantity: line.quantity,
      serialRequired: product(line.sku)?.serialRequired === true,
      quantityEntryAllowed: product(line.sku)?.quantityEntryAllowed === true,
    }));
  }

  function desk(order: FakeDeskOrder): Desk {
    let found = desks.get(order.orderId);
    if (!found) {
      found = { status: order.status ?? 'new', facts: [], meta: new Map(), answers: new Map(), history: [] };
      desks.set(order.orderId, found);
      const holder = deps.options.heldBy?.[order.orderId];
      if (holder !== undefined) record(order, found, [{ type: 'opened', packageSeq: 1, operator: holder, at: new Date().toISOString() }]);
    }
    return found;
  }

  const stateOf = (order: FakeDeskOrder, d: Desk): SessionState => replay(order.orderId, sessionLines(order), d.facts);

  function metaOf(d: Desk, seq: number): PackageMeta {
    let meta = d.meta.get(seq);
    if (!meta) {
      meta = { boxId: null, dims: null, weightG: null, serviceId: null, trackingNumber: null, print: null, documentPrints: [], pulled: false, weightSource: null, weightOverride: null, insured: false };
      d.meta.set(seq, meta);
    }
    return meta;
  }

  function log(d: Desk, entry: Omit<HistoryEntry, 'id'>): void {
    d.history.push({ id: ++historyId, ...entry });
  }

  /**
   * Stores facts as the station does, one history row each: `code` is the barcode as scanned
   * (on the first row of a scan), `result` the outcome code.
   */
  function record(order: FakeDeskOrder, d: Desk, facts: PackFact[], extra: { scanned?: string; result?: string; detail?: Record<string, unknown> } = {}): void {
    facts.forEach((fact, index) => {
      d.facts.push(fact);
      const packageSeq = 'packageSeq' in fact ? fact.packageSeq : (currentPackage(stateOf(order, d))?.seq ?? null);
      log(d, {
        at: fact.at,
        operator: fact.operator,
        kind: fact.type,
        code: index === 0 ? (extra.scanned ?? null) : null,
        result: fact.type === 'rejected' ? fact.code : index === 0 && extra.result !== undefined ? extra.result : 'ok',
        packageSeq,
        detail: { ...fact, ...(fact.type === 'unit' || fact.type === 'short' ? extra.detail : {}) },
      });
    });
    if (isOrderComplete(stateOf(order, d)) && d.status !== 'cancelled') d.status = 'packed';
  }

  function packageStatus(pkg: SessionState['packages'][number], meta: PackageMeta): PackView['package']['status'] {
    if (pkg.voided) return 'void';
    if (pkg.labelled) return meta.print?.state === 'printed' ? 'printed' : 'labelled';
    if (!pkg.closed) return 'open';
    return meta.weightG !== null ? 'weighed' : meta.dims !== null ? 'boxed' : 'verified';
  }

  function view(order: FakeDeskOrder): PackView {
    const d = desk(order);
    const state = stateOf(order, d);
    const pkg = currentPackage(state);
    const meta = metaOf(d, pkg?.seq ?? 1);
    const lines: PackLine[] = sessionLines(order).map((line) => {
      const item = product(line.sku);
      return {
        orderItemId: line.orderItemId,
        sku: line.sku,
        productName: item?.nameEn ?? line.sku,
        nameEn: item?.nameEn ?? null,
        nameZh: item?.nameZh ?? null,
        gtin: item?.gtin ?? null,
        quantity: line.quantity,
        scanned: state.accepted[line.orderItemId] ?? 0,
        unitWeightG: item?.unitWeightG ?? null,
        lithium: item?.lithium ?? 'none',
        hazmatClass: null,
        valueMinor: valueOf(line.sku)?.valueMinor ?? null,
        currency: valueOf(line.sku)?.currency ?? null,
        inCatalog: item !== undefined,
        binLocation: item?.binLocation ?? null,
        serialRequired: line.serialRequired,
        quantityEntryAllowed: line.quantityEntryAllowed,
        inPackage: pkg?.units[line.orderItemId] ?? 0,
        short: state.short[line.orderItemId] ?? 0,
      };
    });
    const measured = meta.dims !== null && meta.weightG !== null;
    const longest = meta.dims ? Math.max(meta.dims.lengthMm, meta.dims.widthMm, meta.dims.heightMm) : 0;
    const findings: PackView['findings'] =
      measured && longest > 635
        ? [
            {
              code: 'CARTON_SIDE_TOO_LONG',
              severity: 'block',
              message: `CARTON_SIDE_TOO_LONG: ${(longest / 10).toFixed(1)} cm is over the limit of 63.5 cm`,
              data: { limit: 635, value: longest, unit: 'mm', subject: null },
            },
          ]
        : [];
    const settings = deps.settings();
    const packed = lines.map((line) => ({ sku: line.sku, quantity: line.inPackage, unitWeightG: line.unitWeightG, unitValueMinor: line.valueMinor, currency: line.currency }));
    const tareG = meta.boxId === null ? null : (deps.boxes.find((box) => box.id === meta.boxId)?.tareG ?? null);
    const weightConfig = {
      tolerance: { percent: settings.weightCheck.percent, minimumG: settings.weightCheck.minimumG },
      allowance: { perPackageG: settings.weightCheck.perPackageG, perUnitG: settings.weightCheck.perUnitG },
    };
    let expectedWeight: PackView['expectedWeight'] = null;
    if (deps.options.checkWeight === true && pkg?.closed === true) {
      if (meta.weightG === null) {
        const expected = expectedWeightG(packed, tareG, weightConfig.allowance);
        expectedWeight = { expectedG: expected.expectedG, toleranceG: null, differenceG: null, ok: true };
        if (expected.expectedG !== null) {
          expectedWeight.toleranceG = toleranceG(expected.expectedG, weightConfig.tolerance);
        }
      } else {
        const check = checkExpectedWeight({ lines: packed, boxTareG: tareG, measuredG: meta.weightG }, weightConfig);
        const overridden = meta.weightOverride !== null;
        expectedWeight = { expectedG: check.expectedG, toleranceG: check.toleranceG, differenceG: check.differenceG, ok: check.ok || overridden };
        if (measured) findings.push(...check.findings.filter((finding) => !(overridden && finding.code === 'WEIGHT_OUT_OF_TOLERANCE')));
      }
    }
    const insuranceAsked = checkInsurance(packed, settings.insurance, false).find((finding) => finding.code === 'INSURANCE_REQUIRED' || finding.code === 'INSURANCE_SUGGESTED');
    if (measured && insuranceAsked && !meta.insured) findings.push(insuranceAsked);
    const insurance: PackView['insurance'] = {
      status: insuranceAsked === undefined ? 'not-needed' : insuranceAsked.code === 'INSURANCE_REQUIRED' ? 'required' : 'suggested',
      insured: meta.insured,
    };
    const blocked = findings.some((finding) => finding.severity === 'block');
    const unitsWeightG = packed.reduce((sum, line) => sum + (line.unitWeightG ?? 0) * line.quantity, 0);
    const lightest = [...deps.boxes].sort((a, b) => a.maxLoadG - b.maxLoadG).find((box) => box.maxLoadG >= unitsWeightG);
    const boxSuggestion: PackView['boxSuggestion'] =
      pkg?.closed !== true
        ? null
        : deps.options.boxSuggestion !== undefined
          ? deps.options.boxSuggestion
          : lightest
            ? { kind: 'suggestion', boxId: lightest.id, fillRatio: 0.62 }
            : { kind: 'fits-nowhere', reason: 'TOO_HEAVY' };
    const tooHeavyForPost = (meta.weightG ?? 0) > 2000;
    const summary = summaryOf(order);
    return {
      order: { ...summary, shipTo: { name: order.recipientName, lines: ['1 Main St'], city: 'Springfield', state: null, postalCode: '12345', countryCode: order.countryCode, phone: null } },
      lines,
      package: {
        id: pkg?.seq ?? 1,
        status: pkg ? packageStatus(pkg, meta) : 'open',
        boxId: meta.boxId,
        lengthMm: meta.dims?.lengthMm ?? null,
        widthMm: meta.dims?.widthMm ?? null,
        heightMm: meta.dims?.heightMm ?? null,
        weightG: meta.weightG,
        serviceId: meta.serviceId,
        trackingNumber: meta.trackingNumber,
      },
      allScanned: totalRemaining(state) === 0,
      packageClosed: pkg?.closed ?? false,
      packages: state.packages.map((candidate) => {
        const m = metaOf(d, candidate.seq);
        return {
          id: candidate.seq,
          seq: candidate.seq,
          status: packageStatus(candidate, m),
          units: Object.values(candidate.units).reduce((sum, n) => sum + n, 0),
          trackingNumber: m.trackingNumber,
          voidRequested: d.status === 'cancelled' && candidate.labelled,
        };
      }),
      session: { holder: state.holder, awaiting: state.awaiting, alert: state.alert },
      boxSuggestion,
      expectedWeight,
      weightSource: meta.weightSource,
      weightOverride: meta.weightOverride,
      insurance,
      customsForm: deps.options.customsForm ?? null,
      lithiumMark: deps.options.lithiumMark ?? false,
      pullParcels: pullParcelsOf(order).map(({ packageId, seq, trackingNumber }) => ({ packageId, seq, trackingNumber })),
      findings,
      services: [
        {
          serviceId: 'CNPOST-REG-SP',
          carrierName: 'China Post',
          nameEn: 'China Post Registered Small Packet',
          nameZh: '中国邮政挂号小包',
          eligible: measured && !blocked && !tooHeavyForPost,
          findings: tooHeavyForPost
            ? [{ code: 'SERVICE_TOO_HEAVY', severity: 'block', message: 'SERVICE_TOO_HEAVY', data: { limit: 2000, value: meta.weightG, unit: 'g', subject: null } }]
            : [],
          billableWeightG: meta.weightG,
          rangeRemaining: 9999,
          rangeLow: false,
          trackingSource: 'range',
          network: 'postal',
          speed: 'standard',
          cost: measured ? { totalMinor: 2_400, currency: 'CNY', comparableMinor: 2_400 } : null,
          shipDate: measured ? '2026-11-26' : null,
          deliveryLatest: measured ? '2026-12-14' : null,
          keepsPromise: measured ? true : null,
          excludedBy: measured && (blocked || tooHeavyForPost) ? ['SERVICE_INELIGIBLE'] : [],
          // Proposed whenever it can carry the parcel; otherwise DHL is, and the post is not allowed.
          ifChosen: null,
        },
        {
          serviceId: 'DHL-EXP-WW',
          carrierName: 'DHL Express',
          nameEn: 'DHL Express Worldwide',
          nameZh: 'DHL 全球快递',
          eligible: measured && !blocked,
          findings: [],
          billableWeightG: meta.weightG,
          rangeRemaining: 500,
          rangeLow: false,
          trackingSource: 'range',
          network: 'express',
          speed: 'priority',
          cost: measured ? { totalMinor: 18_240, currency: 'CNY', comparableMinor: 18_240 } : null,
          shipDate: measured ? '2026-11-26' : null,
          deliveryLatest: measured ? '2026-12-01' : null,
          keepsPromise: measured ? true : null,
          excludedBy: measured && blocked ? ['SERVICE_INELIGIBLE'] : [],
          // Instead of the post: 158.40 CNY more, 13 days sooner.
          ifChosen: measured && !blocked && !tooHeavyForPost ? { extraCostMinor: 15_840, daysLater: -13, missesPromise: false } : null,
        },
      ],
      // The fake proposes like the station would for these two: the post when it can, else DHL.
      proposal:
        measured && !blocked
          ? {
              serviceId: tooHeavyForPost ? 'DHL-EXP-WW' : 'CNPOST-REG-SP',
              explanation: tooHeavyForPost
                ? [
                    { code: 'CHOICE_RULE_APPLIED', data: { ruleId: 'over-2kg-express', weightG: meta.weightG, network: 'express' } },
                    { code: 'CHOICE_CHEAPEST', data: { serviceId: 'DHL-EXP-WW', comparableMinor: 18_240, currency: 'CNY', candidates: 1 } },
                  ]
                : [{ code: 'CHOICE_CHEAPEST', data: { serviceId: 'CNPOST-REG-SP', comparableMinor: 2_400, currency: 'CNY', candidates: 2 } }],
              text: tooHeavyForPost ? 'DHL Express Worldwide: over 2 kg' : 'China Post Registered Small Packet: cheapest',
              promised: '2026-12-20',
              currency: 'CNY',
            }
          : null,
      print: meta.print,
      documentPrints: meta.documentPrints,
    };
  }

  function pullParcelsOf(order: FakeDeskOrder): Array<{ orderId: string; packageId: number; seq: number; trackingNumber: string }> {
    const d = desks.get(order.orderId);
    if (!d || d.status !== 'cancelled') return [];
    return stateOf(order, d)
      .packages.filter((pkg) => pkg.labelled && !metaOf(d, pkg.seq).pulled)
      .map((pkg) => ({ orderId: order.orderId, packageId: pkg.seq, seq: pkg.seq, trackingNumber: metaOf(d, pkg.seq).trackingNumber ?? '' }));
  }

  function summaryOf(order: FakeDeskOrder): OrderSummary {
    const d = desks.get(order.orderId);
    const holder = d ? stateOf(order, d).holder : (deps.options.heldBy?.[order.orderId] ?? null);
    return {
      orderId: order.orderId,
      status: d?.status ?? order.status ?? 'new',
      purchaseDate: new Date(Date.parse(order.latestShipDate ?? '2026-01-01T00:00:00Z') - 48 * 3_600_000).toISOString(),
      latestShipDate: order.latestShipDate,
      shipServiceLevel: order.shipServiceLevel,
      isPrime: order.isPrime,
      recipientName: order.recipientName,
      buyerName: order.buyerName,
      countryCode: order.countryCode,
      lineCount: order.lines.length,
      unitCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
      skus: order.lines.map((line) => line.sku),
      flags: order.flags,
      heldBy: holder,
    };
  }

  function context(d: Desk, operator: DeskOperator): DecideContext {
    return { operator: operator.name, at: new Date().toISOString(), orderStatus: d.status, serialUsedElsewhere: () => false };
  }

  /** The open session of the signed-in operator, or why there is none. */
  function session(orderId: string): { ok: true; order: FakeDeskOrder; d: Desk; operator: DeskOperator } | { ok: false; error: AppErrorShape } {
    const order = find(orderId);
    const operator = deps.operator();
    if (!order) return fail('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
    if (!operator) return fail('NOT_SIGNED_IN', 'Sign in first.');
    const d = desk(order);
    const holder = stateOf(order, d).holder;
    if (holder !== null && holder !== operator.name) return fail('SESSION_HELD', `Order ${order.orderId} is held by ${holder}.`, { holder });
    if (holder === null && d.status !== 'cancelled') return fail('PACKAGE_NOT_OPEN', 'Open the order before scanning.');
    return { ok: true, order, d, operator };
  }

  function answer(
    order: FakeDeskOrder,
    d: Desk,
    decision: { outcome: { accepted: boolean; code: string; data: Record<string, string | number | boolean | null> }; facts: PackFact[] },
    extra: { scanned?: string; detail?: Record<string, unknown> } = {},
  ) {
    record(order, d, decision.facts, { ...extra, result: decision.outcome.code });
    const outcome: ScanOutcome = { ...decision.outcome, message: messageFor(decision.outcome.code, decision.outcome.data) };
    return { outcome, view: view(order) };
  }

  function resolve(state: SessionState, code: string): ResolvedScan {
    const trimmed = code.trim();
    const item = deps.products.find((candidate) => candidate.gtin === trimmed.padStart(14, '0') || candidate.sku === trimmed.toUpperCase());
    if (item) return { kind: 'product', sku: item.sku, serial: null };
    if (state.awaiting) return { kind: 'text', value: trimmed };
    return { kind: 'unknown' };
  }

  function supervisorOf(operator: DeskOperator, credentials: ChannelInput<'pack:override'>['supervisor']): { ok: true; name: string } | { ok: false; error: AppErrorShape } {
    if (operator.role === 'supervisor') return { ok: true, name: operator.name };
    if (credentials === undefined) return fail('SUPERVISOR_REQUIRED', 'A supervisor must approve this.');
    if ('badge' in credentials) {
      const found = deps.operators().find((candidate) => candidate.active && candidate.badge === credentials.badge);
      return found && found.role === 'supervisor' ? { ok: true, name: found.name } : fail('SUPERVISOR_REQUIRED', 'That badge is not a supervisor’s.');
    }
    const found = deps.operators().find((candidate) => candidate.active && candidate.name === credentials.name);
    if (!found || found.role !== 'supervisor') return fail('SUPERVISOR_REQUIRED', `${credentials.name} is not a supervisor.`);
    if (found.pin !== credentials.pin) return fail('OPERATOR_BAD_PIN', 'Wrong PIN.', { name: found.name, attemptsLeft: 4 });
    return { ok: true, name: found.name };
  }

  function nextTracking(serviceId: string): string {
    const n = trackingCount.get(serviceId) ?? 0;
    trackingCount.set(serviceId, n + 1);
    return serviceId === 'DHL-EXP-WW' ? String(4710000004 + n * 11) : `RR${100000005 + n}CN`;
  }

  /** A label that printed: the next package opens by itself while units remain. */
  function afterPrint(order: FakeDeskOrder, d: Desk, operator: DeskOperator, seq: number): void {
    const meta = metaOf(d, seq);
    if (meta.print?.state !== 'printed') return;
    const state = stateOf(order, d);
    if (totalRemaining(state) > 0 && currentPackage(state)?.seq === seq) {
      record(order, d, [{ type: 'opened', packageSeq: seq + 1, operator: operator.name, at: new Date().toISOString() }]);
    }
  }

  function withClosedPackage<C extends 'pack:setBox' | 'pack:setWeight' | 'pack:printLabel' | 'pack:retryPrint' | 'pack:weightOverride' | 'pack:setInsurance'>(
    orderId: string,
    run: (order: FakeDeskOrder, d: Desk, meta: PackageMeta, seq: number, operator: DeskOperator) => ChannelResult<C>,
  ): ChannelResult<C> {
    const found = session(orderId);
    if (!found.ok) return { ok: false, error: found.error };
    const { order, d, operator } = found;
    const pkg = currentPackage(stateOf(order, d));
    if (!pkg || !pkg.closed) return fail('PACK_NOT_VERIFIED', 'Scan every unit first.', { openLines: 1 });
    return run(order, d, metaOf(d, pkg.seq), pkg.seq, operator);
  }

  const api = {
    'pack:open': async ({ orderId, takeover }: ChannelInput<'pack:open'>): Promise<ChannelResult<'pack:open'>> => {
      const order = find(orderId);
      if (!order) return fail('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
      const operator = deps.operator();
      if (!operator) return fail('NOT_SIGNED_IN', 'Sign in first.');
      const d = desk(order);
      if (!PACKABLE.has(d.status) && d.status !== 'packed') {
        return fail('ORDER_NOT_PACKABLE', `Order ${order.orderId} is ${d.status}.`, { orderId: order.orderId, status: d.status });
      }
      const state = stateOf(order, d);
      const decision = decideOpen(state, operator.name, operator.role === 'supervisor');
      if (!decision.ok) return fail('SESSION_HELD', `Order ${order.orderId} is held by ${decision.holder}.`, { holder: decision.holder });
      if (decision.takeover && takeover !== true) return fail('SESSION_HELD', `Order ${order.orderId} is held by ${String(state.holder)}.`, { holder: state.holder });
      if (state.holder !== operator.name && d.status !== 'packed') {
        record(order, d, [{ type: 'opened', packageSeq: currentPackage(state)?.seq ?? 1, operator: operator.name, at: new Date().toISOString() }]);
      }
      if (d.status === 'new' || d.status === 'acknowledged') d.status = 'packing';
      return { ok: true, value: view(order) };
    },

    'pack:scan': async (input: ChannelInput<'pack:scan'>): Promise<ChannelResult<'pack:scan'>> => {
      const found = session(input.orderId);
      if (!found.ok) return { ok: false, error: found.error };
      const { order, d, operator } = found;
      // The same physical scan sent again: answered as before, never applied twice.
      const seen = input.scanId === undefined ? undefined : d.answers.get(input.scanId);
      if (seen) return { ok: true, value: { outcome: seen.outcome, view: view(order) } };
      await deps.options.beforeScan?.(input);
      const state = stateOf(order, d);
      const result = answer(order, d, decideScan(state, resolve(state, input.code), input.code, input.scanId ?? null, context(d, operator)), { scanned: input.code });
      if (input.scanId !== undefined && result.outcome.code !== 'ALERT_NOT_ACKNOWLEDGED') d.answers.set(input.scanId, { outcome: result.outcome });
      if (lostAnswers > 0) {
        lostAnswers -= 1;
        return fail('NETWORK', 'The station did not answer (connection reset).');
      }
      return { ok: true, value: result };
    },

    'pack:command': async ({ orderId, command }: ChannelInput<'pack:command'>): Promise<ChannelResult<'pack:command'>> => {
      const found = session(orderId);
      if (!found.ok) return { ok: false, error: found.error };
      const { order, d, operator } = found;
      return { ok: true, value: answer(order, d, decideCommand(stateOf(order, d), { name: command } as Command, context(d, operator))) };
    },

    'pack:quantity': async ({ orderId, orderItemId, quantity }: ChannelInput<'pack:quantity'>): Promise<ChannelResult<'pack:quantity'>> => {
      const found = session(orderId);
      if (!found.ok) return { ok: false, error: found.error };
      const { order, d, operator } = found;
      return { ok: true, value: answer(order, d, decideQuantity(stateOf(order, d), orderItemId, quantity, context(d, operator))) };
    },

    'pack:override': async (input: ChannelInput<'pack:override'>): Promise<ChannelResult<'pack:override'>> => {
      const found = session(input.orderId);
      if (!found.ok) return { ok: false, error: found.error };
      const { order, d, operator } = found;
      const reasons = input.kind === 'unit' ? deps.settings().overrideReasons : deps.settings().shortReasons;
      if (!reasons.some((reason) => reason.code === input.reasonCode)) {
        return fail('REASON_UNKNOWN', `Choose a reason from the list (${input.reasonCode} is not one).`, { reasonCode: input.reasonCode });
      }
      const approved = supervisorOf(operator, input.supervisor);
      if (!approved.ok) return { ok: false, error: approved.error };
      const state = stateOf(order, d);
      const command: Command =
        input.kind === 'unit'
          ? { name: 'override-unit', orderItemId: input.orderItemId, reasonCode: input.reasonCode }
          : { name: 'ship-short', orderItemId: input.orderItemId, quantity: input.quantity ?? 1, reasonCode: input.reasonCode };
      return { ok: true, value: answer(order, d, decideCommand(state, command, context(d, operator)), { detail: { note: input.note ?? null, supervisor: approved.name } }) };
    },

    'pack:setBox': async ({ orderId, boxId, lengthMm, widthMm, heightMm }: ChannelInput<'pack:setBox'>): Promise<ChannelResult<'pack:setBox'>> =>
      withClosedPackage<'pack:setBox'>(orderId, (order, d, meta, seq, operator) => {
        if (boxId !== null) {
          const box = deps.boxes.find((candidate) => candidate.id === boxId);
          if (!box) return fail('BOX_NOT_FOUND', `There is no box preset ${boxId}.`, { boxId });
          meta.boxId = box.id;
          meta.dims = { lengthMm: box.outerLengthMm, widthMm: box.outerWidthMm, heightMm: box.outerHeightMm };
        } else {
          if (lengthMm === undefined || widthMm === undefined || heightMm === undefined) {
            return fail('BOX_DIMS_REQUIRED', 'Type length, width and height of the box, or choose a preset.');
          }
          meta.boxId = null;
          meta.dims = { lengthMm, widthMm, heightMm };
        }
        log(d, { at: new Date().toISOString(), operator: operator.name, kind: 'box', code: null, result: 'ok', packageSeq: seq, detail: { boxId } });
        return { ok: true, value: view(order) };
      }),

    'pack:setWeight': async ({ orderId, weight, source }: ChannelInput<'pack:setWeight'>): Promise<ChannelResult<'pack:setWeight'>> =>
      withClosedPackage<'pack:setWeight'>(orderId, (order, d, meta, seq, operator) => {
        if (meta.trackingNumber !== null) return fail('PACKAGE_ALREADY_LABELLED', 'This package already has a label.', { trackingNumber: meta.trackingNumber });
        const parsed = parseWeight(weight);
        if (!parsed.ok) return fail(parsed.code, parsed.message, { input: weight });
        meta.weightG = parsed.grams;
        meta.weightSource = source ?? 'typed';
        // A new measurement is a new question: an earlier override does not cover it.
        meta.weightOverride = null;
        log(d, { at: new Date().toISOString(), operator: operator.name, kind: 'weight', code: null, result: 'ok', packageSeq: seq, detail: { grams: parsed.grams, source: meta.weightSource } });
        return { ok: true, value: view(order) };
      }),

    'pack:weightOverride': async (input: ChannelInput<'pack:weightOverride'>): Promise<ChannelResult<'pack:weightOverride'>> =>
      withClosedPackage<'pack:weightOverride'>(input.orderId, (order, d, meta, seq, operator) => {
        if (!deps.settings().overrideReasons.some((reason) => reason.code === input.reasonCode)) {
          return fail('REASON_UNKNOWN', `Choose a reason from the list (${input.reasonCode} is not one).`, { reasonCode: input.reasonCode });
        }
        const approved = supervisorOf(operator, input.supervisor);
        if (!approved.ok) return { ok: false, error: approved.error };
        meta.weightOverride = input.reasonCode;
        log(d, { at: new Date().toISOString(), operator: operator.name, kind: 'weight-override', code: null, result: 'ok', packageSeq: seq, detail: { reasonCode: input.reasonCode, note: input.note ?? null, supervisor: approved.name } });
        return { ok: true, value: view(order) };
      }),

    'pack:setInsurance': async ({ orderId, insured }: ChannelInput<'pack:setInsurance'>): Promise<ChannelResult<'pack:setInsurance'>> =>
      withClosedPackage<'pack:setInsurance'>(orderId, (order, d, meta, seq, operator) => {
        meta.insured = insured;
        log(d, { at: new Date().toISOString(), operator: operator.name, kind: 'insurance', code: null, result: 'ok', packageSeq: seq, detail: { insured } });
        return { ok: true, value: view(order) };
      }),

    'catalog:weightSuggestions': async (): Promise<ChannelResult<'catalog:weightSuggestions'>> => ({ ok: true, value: [...weightSuggestions] }),

    'catalog:applyWeight': async ({ sku, unitWeightG }: ChannelInput<'catalog:applyWeight'>): Promise<ChannelResult<'catalog:applyWeight'>> => {
      const operator = deps.operator();
      if (!operator) return fail('NOT_SIGNED_IN', 'Sign in first.');
      if (operator.role !== 'supervisor') return fail('SUPERVISOR_REQUIRED', 'Only a supervisor can change catalogue weights.');
      const item = product(sku);
      if (item) item.unitWeightG = unitWeightG;
      weightSuggestions = weightSuggestions.filter((suggestion) => suggestion.sku !== sku);
      return { ok: true, value: {} };
    },

    'pack:printLabel': async ({ orderId, serviceId }: ChannelInput<'pack:printLabel'>): Promise<ChannelResult<'pack:printLabel'>> =>
      withClosedPackage<'pack:printLabel'>(orderId, (order, d, meta, seq, operator) => {
        if (meta.dims === null || meta.weightG === null) return fail('PACKAGE_NOT_MEASURED', 'Choose a box and enter the weight before printing.');
        if (meta.trackingNumber !== null) return fail('PACKAGE_ALREADY_LABELLED', 'This package already has a label.', { trackingNumber: meta.trackingNumber });
        const service = view(order).services.find((candidate) => candidate.serviceId === serviceId);
        if (!service) return fail('SERVICE_NOT_FOUND', `There is no active service ${serviceId}.`, { serviceId });
        meta.serviceId = serviceId;
        meta.trackingNumber = nextTracking(serviceId);
        printAttempts += 1;
        const failed = deps.options.printFailsFirst === true && printAttempts === 1;
        meta.print = { jobId: printAttempts, state: failed ? 'failed' : 'printed', target: 'folder /tmp/labels', error: failed ? 'PRINTER_REFUSED: printer at 127.0.0.1:9100 refused the connection (ECONNREFUSED): is it switched on, and is the port right?' : null, attempts: 1 };
        record(order, d, [{ type: 'package-labelled', packageSeq: seq, trackingNumber: meta.trackingNumber, operator: operator.name, at: new Date().toISOString() }]);
        afterPrint(order, d, operator, seq);
        return { ok: true, value: view(order) };
      }),

    'pack:retryPrint': async ({ orderId }: ChannelInput<'pack:retryPrint'>): Promise<ChannelResult<'pack:retryPrint'>> =>
      withClosedPackage<'pack:retryPrint'>(orderId, (order, d, meta, seq, operator) => {
        if (meta.trackingNumber === null) return fail('LABEL_NOT_FOUND', `Order ${orderId} has no label to print yet.`, { orderId });
        printAttempts += 1;
        meta.print = { jobId: printAttempts, state: 'printed', target: 'folder /tmp/labels', error: null, attempts: 2 };
        afterPrint(order, d, operator, seq);
        return { ok: true, value: view(order) };
      }),

    // The last labelled package's slip or customs form, on the profile's printer; with
    // documentPrintFailsFirst the first one fails as a printer would.
    'pack:printDocument': async ({ orderId, doc }: ChannelInput<'pack:printDocument'>): Promise<ChannelResult<'pack:printDocument'>> => {
      const order = find(orderId);
      const d = order ? desks.get(order.orderId) : undefined;
      if (!order || !d) return fail('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
      const labelled = [...d.meta.entries()].filter(([, meta]) => meta.trackingNumber !== null).at(-1);
      if (!labelled) return fail('LABEL_NOT_FOUND', `Order ${orderId} has no label yet.`, { orderId });
      const [, meta] = labelled;
      printAttempts += 1;
      const failed = deps.options.documentPrintFailsFirst === true && meta.documentPrints.every((entry) => entry.doc !== doc);
      const entry = { doc, jobId: printAttempts, state: failed ? ('failed' as const) : ('printed' as const), target: 'os:Office', error: failed ? 'CUPS_FAILED: lp: printer stopped' : null, attempts: 1 };
      meta.documentPrints = [...meta.documentPrints.filter((other) => other.doc !== doc), entry].sort((a, b) => a.doc.localeCompare(b.doc) * -1);
      return { ok: true, value: view(order) };
    },

    'labels:get': async ({ orderId, format }: ChannelInput<'labels:get'>): Promise<ChannelResult<'labels:get'>> => {
      const order = find(orderId);
      const d = order ? desks.get(order.orderId) : undefined;
      const seq = order && d ? currentPackage(stateOf(order, d))?.seq : undefined;
      if (!order || !d || seq === undefined || metaOf(d, seq).trackingNumber === null) return fail('LABEL_NOT_FOUND', `Order ${orderId} has no label yet.`, { orderId });
      return { ok: true, value: { fileName: `${order.orderId}.${format}`, mime: format === 'pdf' ? 'application/pdf' : 'application/x-zpl', base64: btoa('^XA^XZ') } };
    },

    'orders:history': async ({ orderId }: ChannelInput<'orders:history'>): Promise<ChannelResult<'orders:history'>> => {
      const order = find(orderId);
      if (!order) return fail('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
      return { ok: true, value: [...(desks.get(order.orderId)?.history ?? [])] };
    },

    'orders:cancel': async ({ orderId, reason }: ChannelInput<'orders:cancel'>): Promise<ChannelResult<'orders:cancel'>> => {
      const order = find(orderId);
      if (!order) return fail('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
      const d = desk(order);
      d.status = 'cancelled';
      log(d, { at: new Date().toISOString(), operator: deps.operator()?.name ?? 'marketplace', kind: 'cancelled', code: null, result: 'ok', packageSeq: null, detail: { reason } });
      return { ok: true, value: summaryOf(order) };
    },

    'orders:pullList': async (): Promise<ChannelResult<'orders:pullList'>> => ({ ok: true, value: deps.orders.flatMap(pullParcelsOf) }),

    'orders:confirmPulled': async ({ orderId, packageId }: ChannelInput<'orders:confirmPulled'>): Promise<ChannelResult<'orders:confirmPulled'>> => {
      const order = find(orderId);
      const d = order ? desks.get(order.orderId) : undefined;
      if (!order || !d || !pullParcelsOf(order).some((parcel) => parcel.packageId === packageId)) {
        return fail('PACKAGE_NOT_TO_PULL', 'That parcel is not waiting to be pulled.', { packageId });
      }
      metaOf(d, packageId).pulled = true;
      log(d, { at: new Date().toISOString(), operator: deps.operator()?.name ?? '', kind: 'pulled', code: null, result: 'ok', packageSeq: packageId, detail: {} });
      return { ok: true, value: {} };
    },

    'pick:list': async ({ orderIds }: ChannelInput<'pick:list'>): Promise<ChannelResult<'pick:list'>> => {
      const chosen = (orderIds ?? deps.orders.map((order) => order.orderId)).map(find).filter((order): order is FakeDeskOrder => order !== undefined);
      const list: PickList = { orders: chosen.map((order, index) => ({ orderId: order.orderId, tote: index + 1, latestShipDate: order.latestShipDate })), picks: [] };
      for (const [index, order] of chosen.entries()) {
        for (const line of order.lines) {
          const item = product(line.sku);
          let pick = list.picks.find((candidate) => candidate.sku === line.sku);
          if (!pick) {
            pick = { binLocation: item?.binLocation ?? null, sku: line.sku, nameEn: item?.nameEn ?? null, nameZh: item?.nameZh ?? null, quantity: 0, totes: [] };
            list.picks.push(pick);
          }
          pick.quantity += line.quantity;
          pick.totes.push({ tote: index + 1, orderId: order.orderId, quantity: line.quantity });
        }
      }
      // The station walks the shelves in bin order; items without a bin come last.
      list.picks.sort((a, b) => (a.binLocation ?? '\uffff').localeCompare(b.binLocation ?? '\uffff') || a.sku.localeCompare(b.sku));
      return { ok: true, value: list };
    },
  };

  return {
    api,
    summary: summaryOf,
    /** The marketplace cancelled the order (as a sync would): packing must stop. */
    cancel: (orderId: string) => {
      const order = find(orderId);
      if (order) desk(order).status = 'cancelled';
    },
    facts: (orderId: string): PackFact[] => {
      const order = find(orderId);
      return order ? [...(desks.get(order.orderId)?.facts ?? [])] : [];
    },
  };
}

export type FakePackDesk = ReturnType<typeof createFakePackDesk>;
