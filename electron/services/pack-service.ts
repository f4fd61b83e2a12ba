import { recipientAddress } from '../../shared/domain/recipient';
import { randomUUID } from 'node:crypto';
import type { Address, Finding, Operator, PackLine, PackView, PrintableDocument, ScanOutcome } from '../../shared/contract';
import { suggestBox } from '../../shared/domain/cartonize';
import type { BoxPreset, CartonUnit } from '../../shared/domain/cartonize';
import { declaredValueByCurrency, DEFAULT_COMPLIANCE_CONFIG, insuranceCost, lithiumDeclarations } from '../../shared/domain/compliance';
import { needsLithiumMark, packageFindings, serviceVerdicts } from '../../shared/domain/eligibility';
import type { EligibilityConfig, PackageFacts, ServiceVerdict } from '../../shared/domain/eligibility';
import type { LocalNow } from '../../shared/domain/calendar';
import { chooseService, explainOverride } from '../../shared/domain/service-choice';
import type { ServiceChoice } from '../../shared/domain/service-choice';
import { checkExpectedWeight, DEFAULT_WEIGHT_CORRECTION_CONFIG, expectedWeightG, suggestWeightCorrections, toleranceG } from '../../shared/domain/expected-weight';
import { limitsAt, US_SITE_RULES } from '../../shared/domain/limits';
import type { DatedServiceLimits, MarketplaceRules, ServiceLimits } from '../../shared/domain/limits';
import { parseWeight } from '../../shared/domain/weight';
import { buildShippingLabel } from '../../shared/label/label-model';
import type { ShippingLabelInput } from '../../shared/label/label-model';
import { renderZpl } from '../../shared/label/zpl';
import { sanitizeCarrierZpl } from '../../shared/label/zpl-sanitize';
import { systemZplTextRasterizer } from '../label/cjk-font';
import {
  currentPackage as sessionPackage,
  decideCommand,
  decideOpen,
  decideQuantity,
  decideScan,
  isOrderComplete,
  packageUnitCount,
  remainingOf,
  replay,
  totalRemaining,
  apply,
} from '../../shared/pack/pack-session';
import type { Command, Decision, PackFact, ResolvedScan, SessionLine, SessionState } from '../../shared/pack/pack-session';
import { interpretScan } from '../../shared/scan/barcode';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import type { CatalogItem } from '../db/repositories/catalog';
import type { OrderItemRecord, OrderRecord } from '../db/repositories/orders';
import type { PackageRecord } from '../db/repositories/shipments';
import type { ServiceRecord } from '../db/repositories/carriers';
import { renderLabelPdf } from './label-pdf';
import type { Credentials, OperatorService } from './operator-service';
import { describeTarget, sendToLabelPrinter, writeToFolder } from './printer';
import type { DocumentPrintService } from './document-print-service';
import { packedLinesOf } from './packed-lines';
import { toSummary } from './queue-service';
import { rangeSupply } from '../../shared/domain/tracking-ranges';
import { acceptOnlineNumber, acceptPreprintedNumber, allocateTrackingNumber } from './tracking-allocator';
import type { OnlineShipping } from '../shipping/online-shipping';
import type { SettingsService } from './settings-service';
import { REPLACEMENT_SOURCE } from '../db/repositories/after-sales';

export type Clock = () => Date;

const PACKABLE = new Set(['new', 'acknowledged', 'packing']);
const ACCEPTING_OUTCOMES = new Set(['SCAN_ACCEPTED', 'SERIAL_PROMPT']);

export type PackServiceDeps = {
  store: Store;
  settings: SettingsService;
  operators: OperatorService;
  clock: Clock;
  marketplaceRules?: MarketplaceRules;
  newReferenceId?: () => string;
  /** Online label purchase (Amazon Buy Shipping); without it, online services are not offered. */
  onlineShipping?: OnlineShipping | null;
  /** Packing slips and customs forms on their own printers; without it, labels only. */
  documents?: DocumentPrintService | null;
};

/** After a purchase fails for want of the network, online services step aside this long. */
const ONLINE_RETRY_AFTER_MS = 2 * 60_000;

type Loaded = {
  order: OrderRecord;
  items: OrderItemRecord[];
  catalog: Map<string, CatalogItem | null>;
  lines: SessionLine[];
  state: SessionState;
  packageIds: Map<number, number>;
};

export function createPackService(deps: PackServiceDeps) {
  const { store, settings, clock, operators } = deps;
  const rules = deps.marketplaceRules ?? US_SITE_RULES;
  const newReferenceId = deps.newReferenceId ?? (() => randomUUID());
  const onlineShipping = deps.onlineShipping ?? null;
  const documents = deps.documents ?? null;
  const now = () => clock().toISOString();

  function loadOrder(orderId: string): OrderRecord {
    const order = store.orders.get(orderId.trim());
    if (!order) throw new DomainError('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
    return order;
  }

  /** The session as the stored facts say it is: the screen never shows a state the log does not hold. */
  // Sessions replayed from the log, kept between calls: a scan then costs one order read
  // instead of re-reading items, catalogue rows and every fact. An entry is only reused while
  // nothing it was built from can have changed: order items and catalogue (generation
  // counters of their repositories), and no other process has committed (data_version).
  // Facts written here update the cached state as they are stored; a transaction that fails
  // drops the entry, so a rolled-back fact never lingers in memory.
  const sessions = new Map<string, { loaded: Loaded; itemsGeneration: number; catalogGeneration: number }>();
  let seenDataVersion = store.dataVersion();

  function load(orderId: string): Loaded {
    const order = loadOrder(orderId);
    const dataVersion = store.dataVersion();
    if (dataVersion !== seenDataVersion) {
      sessions.clear();
      seenDataVersion = dataVersion;
    }
    const cached = sessions.get(order.orderId);
    if (cached && cached.itemsGeneration === store.orders.generation() && cached.catalogGeneration === store.catalog.generation()) {
      cached.loaded.order = order;
      return cached.loaded;
    }
    const loaded = build(order);
    sessions.set(order.orderId, { loaded, itemsGeneration: store.orders.generation(), catalogGeneration: store.catalog.generation() });
    return loaded;
  }

  /** Runs a write; if it throws, the cached session of that order is dropped with the rollback. */
  function commit<T>(loaded: Loaded, fn: () => T): T {
    try {
      return store.writeTransaction(fn);
    } catch (error) {
      sessions.delete(loaded.order.orderId);
      throw error;
    }
  }

  function build(order: OrderRecord): Loaded {
    const items = store.orders.items(order.orderId);
    const catalog = new Map<string, CatalogItem | null>();
    for (const item of items) if (!catalog.has(item.sku)) catalog.set(item.sku, store.catalog.get(item.sku));
    const lines: SessionLine[] = items.map((item) => ({
      orderItemId: item.orderItemId,
      sku: item.sku,
      quantity: item.quantity,
      serialRequired: catalog.get(item.sku)?.serialRequired ?? false,
      quantityEntryAllowed: catalog.get(item.sku)?.quantityEntryAllowed ?? false,
    }));
    const state = replay(order.orderId, lines, store.events.factsFor(order.orderId));
    return { order, items, catalog, lines, state, packageIds: new Map() };
  }

  function packageRow(order: OrderRecord, seq: number): PackageRecord {
    const pkg = store.shipments.bySeq(order.orderId, seq);
    if (!pkg) throw new Error(`package ${seq} of ${order.orderId} missing`);
    return pkg;
  }

  function currentRow(loaded: Loaded): PackageRecord {
    const seq = sessionPackage(loaded.state)?.seq;
    if (seq === undefined) {
      throw new DomainError('PACKAGE_NOT_OPEN', `Open order ${loaded.order.orderId} before scanning.`, { orderId: loaded.order.orderId });
    }
    return packageRow(loaded.order, seq);
  }

  /** Package ids by sequence number; a package's id never changes once its row exists. */
  function packageIdOf(loaded: Loaded, seq: number): number | null {
    const known = loaded.packageIds.get(seq);
    if (known !== undefined) return known;
    const id = store.shipments.bySeq(loaded.order.orderId, seq)?.id;
    if (id !== undefined) loaded.packageIds.set(seq, id);
    return id ?? null;
  }

  /** Stores facts (and the log rows that go with them) in the caller's transaction. */
  function storeFacts(
    loaded: Loaded,
    facts: PackFact[],
    extra?: { scanId?: string | null; code?: string | null; result?: string; detail?: Record<string, unknown> },
  ): void {
    const station = settings.get().stationName;
    facts.forEach((fact, index) => {
      const seq = 'packageSeq' in fact ? fact.packageSeq : (sessionPackage(loaded.state)?.seq ?? null);
      const packageId = seq === null ? null : packageIdOf(loaded, seq);
      store.events.append({
        at: fact.at,
        operator: fact.operator,
        station,
        orderId: loaded.order.orderId,
        packageId,
        kind: fact.type,
        code: index === 0 ? (extra?.code ?? null) : null,
        result: fact.type === 'rejected' ? fact.code : index === 0 && extra?.result ? extra.result : 'ok',
        scanId: index === 0 ? (extra?.scanId ?? null) : null,
        // Extra detail (who approved an override, the note) is kept for the history; replay ignores it.
        detail: { ...(extra?.detail ?? {}), ...(fact as unknown as Record<string, unknown>) },
      });
      if (fact.type === 'unit' && fact.serial !== null && packageId !== null) {
        const line = loaded.lines.find((candidate) => candidate.orderItemId === fact.orderItemId);
        if (line) store.shipments.recordSerial({ sku: line.sku, serial: fact.serial, orderId: loaded.order.orderId, packageId, at: fact.at });
      }
      if (fact.type === 'package-closed' && packageId !== null) {
        const pkg = store.shipments.get(packageId);
        if (pkg && pkg.status === 'open') store.shipments.savePackage({ ...pkg, status: 'verified' }, fact.at);
      }
      loaded.state = apply(loaded.state, fact);
    });
  }

  function logStep(loaded: Loaded, pkg: PackageRecord | null, kind: string, code: string | null, result: string, operator: string, detail?: Record<string, unknown>) {
    store.events.append({
      at: now(),
      operator,
      station: settings.get().stationName,
      orderId: loaded.order.orderId,
      packageId: pkg?.id ?? null,
      kind,
      code,
      result,
      ...(detail ? { detail } : {}),
    });
  }

  // ---- the view -------------------------------------------------------------------------

  function packLines(loaded: Loaded): PackLine[] {
    const current = sessionPackage(loaded.state);
    return loaded.items.map((item) => {
      const entry = loaded.catalog.get(item.sku) ?? null;
      return {
        orderItemId: item.orderItemId,
        sku: item.sku,
        productName: item.productName,
        nameEn: entry?.nameEn ?? null,
        nameZh: entry?.nameZh ?? null,
        gtin: entry?.gtin ?? null,
        quantity: item.quantity,
        scanned: loaded.state.accepted[item.orderItemId] ?? 0,
        unitWeightG: entry?.unitWeightG ?? null,
        lithium: entry?.lithium ?? 'none',
        hazmatClass: entry?.hazmatClass ?? null,
        valueMinor: entry?.valueMinor ?? null,
        currency: entry?.currency ?? null,
        inCatalog: entry !== null,
        binLocation: entry?.binLocation ?? null,
        serialRequired: entry?.serialRequired ?? false,
        quantityEntryAllowed: entry?.quantityEntryAllowed ?? false,
        inPackage: current?.units[item.orderItemId] ?? 0,
        short: loaded.state.short[item.orderItemId] ?? 0,
      };
    });
  }

  /** The goods in the current package, for the weight and compliance checks. */
  /** The station's local calendar day: battery documents are valid through their expiry day. */
  function localDate(): string {
    const date = clock();
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  }

  /** The goods in the current package, line by line, with what the catalogue says of them. */
  function packageFactsOf(loaded: Loaded, pkg: PackageRecord): PackageFacts {
    const current = sessionPackage(loaded.state);
    const lines = packedLinesOf(loaded.items, loaded.catalog, current?.units ?? {});
    const outer =
      pkg.lengthMm !== null && pkg.widthMm !== null && pkg.heightMm !== null
        ? { lengthMm: pkg.lengthMm, widthMm: pkg.widthMm, heightMm: pkg.heightMm }
        : null;
    return {
      outer,
      weightG: pkg.weightG,
      lines,
      shipDate: localDate(),
      insured: pkg.insured,
      fromCountry: settings.get().shipFrom.countryCode,
      toCountry: loaded.order.recipient.countryCode,
    };
  }

  function complianceConfig(): EligibilityConfig {
    const current = settings.get();
    return { compliance: { ...DEFAULT_COMPLIANCE_CONFIG, insurance: current.insurance } };
  }

  /** Catalogue weight × units + box tare + allowance, against the scale; overridden by a supervisor's reason. */
  function weightCheck(facts: PackageFacts, pkg: PackageRecord) {
    const tare = pkg.boxId === null ? null : (store.boxes.get(pkg.boxId)?.tareG ?? null);
    const config = settings.get().weightCheck;
    if (facts.weightG === null) {
      // Not weighed yet: the expectation is shown so the packer knows what the scale should say.
      if (pkg.boxId === null && pkg.lengthMm === null) return null;
      const tolerance = { percent: config.percent, minimumG: config.minimumG };
      const expected = expectedWeightG(
        facts.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitWeightG: line.unitWeightG })),
        tare,
        { perPackageG: config.perPackageG, perUnitG: config.perUnitG },
      );
      return {
        ok: true,
        expectedG: expected.expectedG,
        toleranceG: expected.expectedG === null ? null : toleranceG(expected.expectedG, tolerance),
        differenceG: null,
        findings: [] as Finding[],
      };
    }
    const checked = checkExpectedWeight(
      { lines: facts.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitWeightG: line.unitWeightG })), boxTareG: tare, measuredG: facts.weightG },
      { tolerance: { percent: config.percent, minimumG: config.minimumG }, allowance: { perPackageG: config.perPackageG, perUnitG: config.perUnitG } },
    );
    const findings: Finding[] = checked.findings.map((finding) =>
      finding.code === 'WEIGHT_OUT_OF_TOLERANCE' && pkg.weightOverrideReason !== null
        ? { ...finding, severity: 'warn' as const, data: { ...finding.data, overriddenBy: pkg.weightOverrideBy, reasonCode: pkg.weightOverrideReason } }
        : finding,
    );
    return { ...checked, ok: checked.ok || pkg.weightOverrideReason !== null, findings };
  }

  function boxSuggestionFor(loaded: Loaded): PackView['boxSuggestion'] {
    const current = sessionPackage(loaded.state);
    const units: CartonUnit[] = [];
    for (const item of loaded.items) {
      const entry = loaded.catalog.get(item.sku) ?? null;
      for (let i = 0; i < (current?.units[item.orderItemId] ?? 0); i += 1) {
        units.push({ sku: item.sku, lengthMm: entry?.lengthMm ?? null, widthMm: entry?.widthMm ?? null, heightMm: entry?.heightMm ?? null, weightG: entry?.unitWeightG ?? null });
      }
    }
    if (units.length === 0) return null;
    const presets: BoxPreset[] = store.boxes.list().map((box) => ({
      id: box.id,
      innerLengthMm: box.innerLengthMm,
      innerWidthMm: box.innerWidthMm,
      innerHeightMm: box.innerHeightMm,
      maxLoadG: box.maxLoadG,
      costMinor: box.costMinor,
      flexible: box.flexible,
      stock: box.stock,
    }));
    const suggestion = suggestBox(units, presets, { objective: settings.get().boxObjective });
    switch (suggestion.kind) {
      case 'suggestion':
        return { kind: 'suggestion', boxId: suggestion.boxId, fillRatio: Math.round(suggestion.fillRatio * 1000) / 1000 };
      case 'unknown-dimensions':
        return { kind: 'unknown-dimensions', skus: suggestion.skus };
      case 'fits-nowhere':
        return { kind: 'fits-nowhere', reason: suggestion.reason.code };
    }
  }

  function evaluate(loaded: Loaded, pkg: PackageRecord) {
    const facts = packageFactsOf(loaded, pkg);
    const weight = weightCheck(facts, pkg);
    const findings = [...packageFindings(rules, facts, complianceConfig()), ...(weight?.findings ?? [])];
    const services = store.carriers.listActiveServices();
    const supply = new Map(services.map((service) => [service.id, rangeSupply(store.carriers.ranges(service.id))]));
    // Dated limits: the set in force on the station's local date. A service whose first set
    // is not in force yet carries nothing (every limit at zero blocks it, and says why).
    const limitsFor = (limits: ServiceLimits | DatedServiceLimits): ServiceLimits =>
      Array.isArray(limits) ? (limitsAt(limits, facts.shipDate) ?? { maxWeightG: 0 }) : limits;
    const verdicts = serviceVerdicts(
      services.map((service) => ({
        id: service.id,
        network: service.network,
        limits: limitsFor(service.limits),
        volumetricDivisor: service.volumetricDivisor,
        volumetricRule: service.volumetricRule,
        acceptsLithium: service.acceptsLithium,
        acceptsDangerousGoods: service.acceptsDangerousGoods,
        // Pre-printed and purchased numbers do not come from a range: nothing to run out of here.
        rangeRemaining: service.trackingSource === 'range' ? (supply.get(service.id)?.remaining ?? 0) : Number.POSITIVE_INFINITY,
      })),
      facts,
      findings,
    );
    // Online services need the network: while it is down they step aside, and say why.
    services.forEach((service, index) => {
      const finding = onlineFinding(service);
      const verdict = verdicts[index];
      if (finding && verdict) verdicts[index] = { ...verdict, eligible: false, findings: [...verdict.findings, finding] };
    });
    const choice = facts.outer !== null && facts.weightG !== null ? chooseFor(loaded, facts, services, verdicts) : null;
    return { findings, services, verdicts, supply, facts, weight, choice };
  }

  /** The station's local wall clock, as the carrier's cut-off is read. */
  function localNow(): LocalNow {
    const date = clock();
    return { date: localDate(), minutes: date.getHours() * 60 + date.getMinutes() };
  }

  /** A promise time (ISO, UTC) as the station's local calendar day. */
  function localDay(iso: string | null): string | null {
    if (iso === null) return null;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return null;
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  }

  function insurancePremium(facts: PackageFacts): { premiumMinor: number; currency: string } | null {
    if (!facts.insured) return null;
    const declared = declaredValueByCurrency(facts.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitValueMinor: line.unitValueMinor, currency: line.currency })));
    const [only] = declared.totals;
    const rate = only ? settings.get().insurance.rates[only.currency] : undefined;
    return declared.totals.length === 1 && only && rate ? { premiumMinor: insuranceCost(only.valueMinor, rate), currency: only.currency } : null;
  }

  function chooseFor(loaded: Loaded, facts: PackageFacts, services: readonly ServiceRecord[], verdicts: ServiceVerdict[]): ServiceChoice {
    const current = settings.get();
    return chooseService({
      services: services.map((service, index) => ({
        service,
        verdict: verdicts[index] ?? { eligible: false, findings: [], billableWeightG: null },
      })),
      order: {
        toCountry: loaded.order.recipient.countryCode,
        shipServiceLevel: loaded.order.shipServiceLevel,
        isPrime: loaded.order.isPrime,
        latestDeliveryDate: localDay(loaded.order.latestDeliveryDate),
      },
      pkg: { weightG: facts.weightG ?? 0, insured: facts.insured, insurance: insurancePremium(facts) },
      localNow: localNow(),
      stationHolidays: current.choice.holidays,
      money: { currency: current.choice.currency, rates: current.choice.exchangeRates },
      rules: current.choice.rules,
    });
  }

  function shipTo(order: OrderRecord): Address {
    return recipientAddress(order.recipient);
  }

  function insuranceStatus(findings: Finding[]): 'not-needed' | 'suggested' | 'required' {
    if (findings.some((finding) => finding.code === 'INSURANCE_REQUIRED')) return 'required';
    if (findings.some((finding) => finding.code === 'INSURANCE_SUGGESTED')) return 'suggested';
    // Once insured, the finding is gone: keep showing why insurance is on.
    return 'not-needed';
  }

  function ifChosen(choice: ServiceChoice | null, serviceId: string, measured: boolean): PackView['services'][number]['ifChosen'] {
    if (!measured || choice === null || choice.proposedServiceId === null || choice.proposedServiceId === serviceId) return null;
    const override = explainOverride(choice, serviceId);
    return { extraCostMinor: override.extraCostMinor, daysLater: override.daysLater, missesPromise: override.missesPromise };
  }

  function view(loaded: Loaded): PackView {
    const { order, items, catalog, state } = loaded;
    const rows = store.shipments.packagesOf(order.orderId);
    const current = sessionPackage(state);
    const pkg = rows.find((row) => row.seq === current?.seq) ?? currentRow(loaded);
    const packageClosed = current?.closed ?? false;
    // Carrier checks only mean something for a closed, measured package; while units are
    // being scanned they are skipped, which keeps a scan's answer fast.
    const measured = packageClosed && pkg.lengthMm !== null && pkg.weightG !== null;
    const evaluation = packageClosed ? evaluate(loaded, pkg) : null;
    // While the next package is being packed, the print state shown is the last label's, so
    // a failed print stays on screen with its retry. No label yet: no print job to look up.
    const lastLabelled = [...rows].reverse().find((row) => row.trackingNumber !== null && row.status !== 'void');
    const jobPackageId = lastLabelled ? (store.shipments.latestPrintJob(pkg.id) ? pkg.id : lastLabelled.id) : null;
    const job = jobPackageId === null ? null : store.shipments.latestPrintJob(jobPackageId);
    const documentJobs = jobPackageId === null || !documents ? [] : documents.statesOf(jobPackageId);
    return {
      order: { ...toSummary({ ...order, items }, catalog, state.holder), shipTo: shipTo(order) },
      lines: packLines(loaded),
      package: {
        id: pkg.id,
        status: pkg.status,
        boxId: pkg.boxId,
        lengthMm: pkg.lengthMm,
        widthMm: pkg.widthMm,
        heightMm: pkg.heightMm,
        weightG: pkg.weightG,
        serviceId: pkg.serviceId,
        trackingNumber: pkg.trackingNumber,
      },
      allScanned: totalRemaining(state) === 0,
      packageClosed,
      packages: rows.map((row) => {
        const sessionPkg = state.packages.find((candidate) => candidate.seq === row.seq);
        return {
          id: row.id,
          seq: row.seq,
          status: row.status,
          units: sessionPkg ? packageUnitCount(sessionPkg) : 0,
          trackingNumber: row.trackingNumber,
          voidRequested: row.voidRequested,
        };
      }),
      session: { holder: state.holder, awaiting: state.awaiting, alert: state.alert },
      pullParcels: rows
        .filter((row) => row.voidRequested && row.status !== 'void' && row.trackingNumber !== null)
        .map((row) => ({ packageId: row.id, seq: row.seq, trackingNumber: row.trackingNumber ?? '' })),
      boxSuggestion: packageClosed && pkg.trackingNumber === null ? boxSuggestionFor(loaded) : null,
      expectedWeight: evaluation?.weight
        ? { expectedG: evaluation.weight.expectedG, toleranceG: evaluation.weight.toleranceG, differenceG: evaluation.weight.differenceG, ok: evaluation.weight.ok }
        : null,
      weightSource: pkg.weightSource,
      weightOverride: pkg.weightOverrideReason,
      insurance: {
        status: insuranceStatus(evaluation?.findings ?? []),
        insured: pkg.insured,
      },
      customsForm: (() => {
        const chosen = evaluation?.verdicts.find((verdict) => verdict.serviceId === pkg.serviceId) ?? evaluation?.verdicts.find((verdict) => verdict.eligible);
        return chosen?.customsForm ?? null;
      })(),
      lithiumMark: evaluation ? needsLithiumMark(evaluation.facts) : false,
      // Compliance shows as soon as the package is closed; carrier limits once it is measured.
      findings: evaluation ? evaluation.findings : [],
      services: (evaluation?.services ?? []).map((service, index) => {
        const verdict = evaluation?.verdicts[index];
        const option = measured ? evaluation?.choice?.options[index] : undefined;
        const ranged = service.trackingSource === 'range';
        const supply = evaluation?.supply.get(service.id) ?? null;
        return {
          serviceId: service.id,
          carrierName: service.carrierName,
          nameEn: service.nameEn,
          nameZh: service.nameZh,
          eligible: measured && (verdict?.eligible ?? false),
          findings: measured ? (verdict?.findings ?? []) : [],
          billableWeightG: measured ? (verdict?.billableWeightG ?? null) : null,
          rangeRemaining: ranged ? (supply?.remaining ?? 0) : null,
          rangeLow: ranged && (supply?.low ?? true),
          trackingSource: service.trackingSource,
          network: service.network,
          speed: service.speed,
          cost: option?.cost ? { totalMinor: option.cost.totalMinor, currency: option.cost.currency, comparableMinor: option.cost.comparableMinor } : null,
          shipDate: option?.shipDate ?? null,
          deliveryLatest: option?.deliveryLatest ?? null,
          keepsPromise: option?.keepsPromise ?? null,
          excludedBy: option?.excludedBy ?? [],
          ifChosen: ifChosen(evaluation?.choice ?? null, service.id, measured),
        };
      }),
      proposal:
        measured && evaluation?.choice
          ? {
              serviceId: evaluation.choice.proposedServiceId,
              explanation: evaluation.choice.explanation,
              text: evaluation.choice.text,
              promised: evaluation.choice.promised,
              currency: evaluation.choice.currency,
            }
          : null,
      print: job ? { jobId: job.id, state: job.state, target: job.target, error: job.lastError, attempts: job.attempts } : null,
      documentPrints: documentJobs.map((entry) => ({ doc: entry.doc, jobId: entry.id, state: entry.state, target: entry.target, error: entry.lastError, attempts: entry.attempts })),
    };
  }

  // ---- opening and scanning -------------------------------------------------------------

  function assertPackable(order: OrderRecord): void {
    if (order.status === 'cancelled') {
      throw new DomainError('ORDER_CANCELLED', `Order ${order.orderId} was cancelled: do not pack it.`, { orderId: order.orderId });
    }
    if (!PACKABLE.has(order.status)) {
      throw new DomainError('ORDER_NOT_PACKABLE', `Order ${order.orderId} is ${order.status} and cannot be packed.`, {
        orderId: order.orderId,
        status: order.status,
      });
    }
    if (order.onHold) throw new DomainError('ORDER_ON_HOLD', `Order ${order.orderId} is on hold.`, { orderId: order.orderId });
  }

  function open(input: { orderId: string; takeover?: boolean }): PackView {
    const operator = operators.require();
    const loaded = load(input.orderId);
    const { order, state } = loaded;
    const hasPackages = state.packages.length > 0;
    // A packed or cancelled order with packages opens read-only: its labels, a failed print
    // to retry, or the parcels to pull stay reachable.
    if (hasPackages && (order.status === 'packed' || order.status === 'cancelled')) return view(loaded);
    assertPackable(order);
    const decision = decideOpen(state, operator.name, operator.role === 'supervisor');
    if (!decision.ok) {
      throw new DomainError('SESSION_HELD', `${decision.holder} is packing this order. Ask them or a supervisor to release it.`, {
        holder: decision.holder,
      });
    }
    if (decision.takeover && !input.takeover) {
      throw new DomainError('SESSION_HELD', `${state.holder ?? ''} is packing this order. A supervisor may take it over.`, {
        holder: state.holder,
        canTakeOver: true,
      });
    }
    commit(loaded, () => {
      const at = now();
      if (!hasPackages) store.shipments.createPackage(order.orderId, at);
      if (order.status !== 'packing') store.orders.setStatus(order.orderId, 'packing', at);
      if (decision.takeover) {
        store.overrides.record({
          at,
          kind: 'session-takeover',
          operator: state.holder ?? '',
          supervisor: operator.name,
          orderId: order.orderId,
          packageId: null,
          orderItemId: null,
          quantity: null,
          reasonCode: 'TAKEOVER',
          note: null,
        });
      }
      if (state.holder !== operator.name || !hasPackages) {
        const seq = sessionPackage(state)?.seq ?? 1;
        storeFacts(loaded, [{ type: 'opened', packageSeq: seq, operator: operator.name, at }], { result: decision.takeover ? 'takeover' : 'ok' });
      }
    });
    return view(load(order.orderId));
  }

  function resolve(code: string): ResolvedScan {
    const meaning = interpretScan(code, { commandPrefix: settings.get().scanner.commandPrefix });
    switch (meaning.kind) {
      case 'product': {
        const item = store.catalog.findByGtin(meaning.gtin14);
        return item ? { kind: 'product', sku: item.sku, serial: meaning.serial ?? null } : { kind: 'unknown' };
      }
      case 'fnsku': {
        const item = store.catalog.findByFnsku(meaning.fnsku);
        return item ? { kind: 'product', sku: item.sku, serial: null } : { kind: 'unknown' };
      }
      case 'asin': {
        const item = store.catalog.findByAsin(meaning.asin);
        return item ? { kind: 'product', sku: item.sku, serial: null } : { kind: 'unknown' };
      }
      case 'bad-check-digit':
        return { kind: 'bad-check-digit' };
      case 'malformed':
        return { kind: 'malformed', reason: meaning.reason };
      case 'command':
        return { kind: 'malformed', reason: 'a command barcode was sent as a product scan' };
      case 'text': {
        // The seller SKU, as printed on items outside the catalogue, is the last resort.
        const item = store.catalog.get(meaning.value) ?? store.catalog.get(meaning.value.toUpperCase());
        return item ? { kind: 'product', sku: item.sku, serial: null } : { kind: 'text', value: meaning.value };
      }
    }
  }

  function contextFor(loaded: Loaded, operator: Operator) {
    return {
      operator: operator.name,
      at: now(),
      orderStatus: loaded.order.status,
      onHold: loaded.order.onHold,
      serialUsedElsewhere: (sku: string, serial: string) => {
        const holder = store.shipments.serialHolder(sku, serial);
        return holder !== null && holder !== loaded.order.orderId;
      },
    };
  }

  function outcomeOf(decision: Decision): ScanOutcome {
    return { accepted: decision.outcome.accepted, code: decision.outcome.code, message: decision.outcome.code, data: decision.outcome.data };
  }

  function assertHolder(loaded: Loaded, operator: Operator): void {
    if (loaded.state.holder !== null && loaded.state.holder !== operator.name) {
      throw new DomainError('SESSION_HELD', `${loaded.state.holder} is packing this order.`, { holder: loaded.state.holder });
    }
  }

  /**
   * Runs a session change with the order's session loaded INSIDE the immediate transaction:
   * another process's commit cannot slip between reading the session and writing to it.
   */
  function inSession<T>(orderId: string, fn: (loaded: Loaded) => T): { loaded: Loaded; result: T } {
    try {
      return store.writeTransaction(() => {
        const loaded = load(orderId);
        return { loaded, result: fn(loaded) };
      });
    } catch (error) {
      sessions.delete(orderId.trim());
      throw error;
    }
  }

  /**
   * While a serial is awaited, the scan is that serial, whatever it looks like (serials can
   * look like GTINs or ASINs) — except a product of this catalogue: scanning the next item
   * instead of the serial is the usual slip, and it is refused rather than stored as a serial.
   */
  function resolveForSession(loaded: Loaded, code: string): ResolvedScan {
    const resolved = resolve(code);
    if (!loaded.state.awaiting || resolved.kind === 'product') return resolved;
    return { kind: 'text', value: code };
  }

  function scan(input: { orderId: string; code: string; scanId?: string }): { outcome: ScanOutcome; view: PackView } {
    const operator = operators.require();
    const code = input.code.trim();
    const scanId = input.scanId ?? null;
    // The check for a repeated scan id and the write share one immediate transaction, so a
    // retry racing its original (even from another process) is answered, never applied twice.
    const { loaded, result: outcome } = inSession(input.orderId, (loaded): ScanOutcome => {
      assertHolder(loaded, operator);
      if (scanId !== null) {
        const seen = store.events.byScanId(scanId);
        if (seen) {
          if (seen.orderId !== loaded.order.orderId) {
            throw new DomainError('SCAN_ID_REUSED', `Scan id ${scanId} already belongs to order ${seen.orderId}.`, { scanId });
          }
          return { accepted: ACCEPTING_OUTCOMES.has(seen.result), code: seen.result, message: 'duplicate', data: { duplicate: true } };
        }
      }
      const decision: Decision =
        code === ''
          ? { outcome: { accepted: false, code: 'SCAN_EMPTY', data: {} }, facts: [] }
          : decideScan(loaded.state, resolveForSession(loaded, code), code, scanId, contextFor(loaded, operator));
      storeFacts(loaded, decision.facts, { scanId, code, result: decision.outcome.code });
      return outcomeOf(decision);
    });
    return { outcome, view: view(loaded) };
  }

  function command(input: { orderId: string; command: 'acknowledge' | 'cancel-prompt' | 'next-package' | 'release' }) {
    const operator = operators.require();
    const { loaded, result: decision } = inSession(input.orderId, (loaded) => {
      assertHolder(loaded, operator);
      const decided = decideCommand(loaded.state, { name: input.command }, contextFor(loaded, operator));
      storeFacts(loaded, decided.facts, { result: decided.outcome.code });
      return decided;
    });
    return { outcome: outcomeOf(decision), view: view(loaded) };
  }

  function quantity(input: { orderId: string; orderItemId: string; quantity: number }) {
    const operator = operators.require();
    const { loaded, result: decision } = inSession(input.orderId, (loaded) => {
      assertHolder(loaded, operator);
      const decided = decideQuantity(loaded.state, input.orderItemId, input.quantity, contextFor(loaded, operator));
      storeFacts(loaded, decided.facts, { result: decided.outcome.code });
      return decided;
    });
    return { outcome: outcomeOf(decision), view: view(loaded) };
  }

  function override(input: {
    orderId: string;
    kind: 'unit' | 'short';
    orderItemId: string;
    quantity?: number;
    reasonCode: string;
    note?: string;
    supervisor?: Credentials;
  }) {
    const operator = operators.require();
    const supervisor = operators.approvingSupervisor(input.supervisor);
    const reasons = input.kind === 'unit' ? settings.get().overrideReasons : settings.get().shortReasons;
    if (!reasons.some((reason) => reason.code === input.reasonCode)) {
      throw new DomainError('REASON_UNKNOWN', `Choose a reason from the list (${input.reasonCode} is not one).`, { reasonCode: input.reasonCode });
    }
    const command: Command =
      input.kind === 'unit'
        ? { name: 'override-unit', orderItemId: input.orderItemId, reasonCode: input.reasonCode }
        : { name: 'ship-short', orderItemId: input.orderItemId, quantity: input.quantity ?? 1, reasonCode: input.reasonCode };
    const { loaded, result: decision } = inSession(input.orderId, (loaded) => {
      assertHolder(loaded, operator);
      const decided = decideCommand(loaded.state, command, contextFor(loaded, operator));
      if (decided.facts.length === 0) return decided;
      const pkg = currentRow(loaded);
      const at = now();
      storeFacts(loaded, decided.facts, { result: decided.outcome.code, detail: { supervisor: supervisor.name, note: input.note ?? null } });
      store.overrides.record({
        at,
        kind: input.kind === 'unit' ? 'unit-verified' : 'ship-short',
        operator: operator.name,
        supervisor: supervisor.name,
        orderId: loaded.order.orderId,
        packageId: pkg.id,
        orderItemId: input.orderItemId,
        quantity: input.kind === 'unit' ? 1 : (input.quantity ?? 1),
        reasonCode: input.reasonCode,
        note: input.note ?? null,
      });
      logStep(loaded, pkg, 'override', input.reasonCode, decided.outcome.code, operator.name, {
        kind: input.kind,
        supervisor: supervisor.name,
        orderItemId: input.orderItemId,
        note: input.note ?? null,
      });
      if (isOrderComplete(loaded.state)) {
        // Shipping the rest short finished the order: an empty package opened for the rest is
        // not needed, and the session is released like after a last label.
        const current = sessionPackage(loaded.state);
        if (current && packageUnitCount(current) === 0 && pkg.trackingNumber === null) store.shipments.savePackage({ ...pkg, status: 'void' }, at);
        store.orders.setStatus(loaded.order.orderId, 'packed', at);
        storeFacts(loaded, [{ type: 'released', operator: operator.name, at }]);
      }
      return decided;
    });
    return { outcome: outcomeOf(decision), view: view(loaded) };
  }

  // ---- box, weight, label ---------------------------------------------------------------

  function closedPackage(loaded: Loaded, operator: Operator): PackageRecord {
    assertPackable(loaded.order);
    assertHolder(loaded, operator);
    const current = sessionPackage(loaded.state);
    const pkg = currentRow(loaded);
    if (pkg.trackingNumber !== null) {
      throw new DomainError('PACKAGE_ALREADY_LABELLED', `This package already has label ${pkg.trackingNumber}.`, { trackingNumber: pkg.trackingNumber });
    }
    if (!current?.closed) {
      throw new DomainError('PACK_NOT_VERIFIED', `Scan every unit first (or close this package with "next package"): ${totalRemaining(loaded.state)} unit(s) still open.`, {
        openUnits: totalRemaining(loaded.state),
      });
    }
    return pkg;
  }

  function setBox(input: { orderId: string; boxId: string | null; lengthMm?: number; widthMm?: number; heightMm?: number }): PackView {
    const operator = operators.require();
    const loaded = load(input.orderId);
    const pkg = closedPackage(loaded, operator);
    let dims: { lengthMm: number; widthMm: number; heightMm: number };
    if (input.boxId !== null) {
      const box = store.boxes.get(input.boxId);
      if (!box) throw new DomainError('BOX_NOT_FOUND', `There is no box preset ${input.boxId}.`, { boxId: input.boxId });
      dims = { lengthMm: box.outerLengthMm, widthMm: box.outerWidthMm, heightMm: box.outerHeightMm };
    } else {
      if (input.lengthMm === undefined || input.widthMm === undefined || input.heightMm === undefined) {
        throw new DomainError('BOX_DIMS_REQUIRED', 'Type length, width and height of the box, or choose a preset.');
      }
      dims = { lengthMm: input.lengthMm, widthMm: input.widthMm, heightMm: input.heightMm };
    }
    // Whether the packer took the suggested box is recorded, to tune presets and the heuristic.
    const suggestion = boxSuggestionFor(loaded);
    const suggestedBoxId = suggestion?.kind === 'suggestion' ? suggestion.boxId : null;
    const next: PackageRecord = {
      ...pkg,
      boxId: input.boxId,
      ...dims,
      status: pkg.weightG === null ? 'boxed' : 'weighed',
      suggestedBoxId,
      suggestionTaken: suggestedBoxId === null ? null : suggestedBoxId === input.boxId,
    };
    store.transaction(() => {
      store.shipments.savePackage(next, now());
      logStep(loaded, pkg, 'box', input.boxId, 'ok', operator.name, { ...dims, suggestedBoxId, suggestionTaken: next.suggestionTaken });
    });
    return view(loaded);
  }

  function setWeight(input: { orderId: string; weight: string; source?: 'typed' | 'scale' }): PackView {
    const operator = operators.require();
    const loaded = load(input.orderId);
    const pkg = closedPackage(loaded, operator);
    const parsed = parseWeight(input.weight);
    if (!parsed.ok) throw new DomainError(parsed.code, parsed.message, { input: input.weight });
    // A new weight is a new measurement: an earlier supervisor's acceptance does not carry over.
    const next: PackageRecord = {
      ...pkg,
      weightG: parsed.grams,
      weightSource: input.source ?? 'typed',
      weightOverrideReason: null,
      weightOverrideBy: null,
      status: pkg.lengthMm === null ? pkg.status : 'weighed',
    };
    store.transaction(() => {
      store.shipments.savePackage(next, now());
      logStep(loaded, pkg, 'weight', input.weight, 'ok', operator.name, { grams: parsed.grams, source: next.weightSource });
    });
    return view(loaded);
  }

  function weightOverride(input: { orderId: string; reasonCode: string; note?: string; supervisor?: Credentials }): PackView {
    const operator = operators.require();
    const supervisor = operators.approvingSupervisor(input.supervisor);
    if (!settings.get().overrideReasons.some((reason) => reason.code === input.reasonCode)) {
      throw new DomainError('REASON_UNKNOWN', `Choose a reason from the list (${input.reasonCode} is not one).`, { reasonCode: input.reasonCode });
    }
    const loaded = load(input.orderId);
    const pkg = closedPackage(loaded, operator);
    const check = weightCheck(packageFactsOf(loaded, pkg), { ...pkg, weightOverrideReason: null });
    if (!check || check.ok) throw new DomainError('WEIGHT_NOTHING_TO_OVERRIDE', 'The weight is within the tolerance: there is nothing to override.');
    store.transaction(() => {
      const at = now();
      store.shipments.savePackage({ ...pkg, weightOverrideReason: input.reasonCode, weightOverrideBy: supervisor.name }, at);
      store.overrides.record({
        at,
        kind: 'weight-accepted',
        operator: operator.name,
        supervisor: supervisor.name,
        orderId: loaded.order.orderId,
        packageId: pkg.id,
        orderItemId: null,
        quantity: pkg.weightG,
        reasonCode: input.reasonCode,
        note: input.note ?? null,
      });
      logStep(loaded, pkg, 'override', input.reasonCode, 'WEIGHT_ACCEPTED', operator.name, {
        kind: 'weight',
        supervisor: supervisor.name,
        expectedG: check.expectedG,
        measuredG: pkg.weightG,
        note: input.note ?? null,
      });
    });
    return view(loaded);
  }

  function setInsurance(input: { orderId: string; insured: boolean }): PackView {
    const operator = operators.require();
    const loaded = load(input.orderId);
    const pkg = closedPackage(loaded, operator);
    store.transaction(() => {
      store.shipments.savePackage({ ...pkg, insured: input.insured }, now());
      logStep(loaded, pkg, 'insurance', null, input.insured ? 'insured' : 'not-insured', operator.name);
    });
    return view(loaded);
  }

  /** Catalogue weights that accepted packages disagree with, for a supervisor to confirm (never applied silently). */
  function weightSuggestions() {
    const samples = store.shipments.weighedSingleSkuPackages();
    const catalogue = new Map<string, number | null>();
    for (const sample of samples) for (const line of sample.lines) if (!catalogue.has(line.sku)) catalogue.set(line.sku, store.catalog.get(line.sku)?.unitWeightG ?? null);
    return suggestWeightCorrections(samples, catalogue, DEFAULT_WEIGHT_CORRECTION_CONFIG).map((suggestion) => ({
      sku: suggestion.sku,
      catalogueG: suggestion.catalogueG,
      suggestedG: suggestion.suggestedG,
      samples: suggestion.samples,
    }));
  }

  function applyCatalogWeight(input: { sku: string; unitWeightG: number }) {
    const operator = operators.require();
    if (operator.role !== 'supervisor') throw new DomainError('SUPERVISOR_REQUIRED', 'Only a supervisor can change catalogue weights.');
    if (!store.catalog.setUnitWeight(input.sku, input.unitWeightG, now())) {
      throw new DomainError('SKU_NOT_FOUND', `There is no catalogue item ${input.sku}.`, { sku: input.sku });
    }
    return {};
  }

  function labelFor(
    order: OrderRecord,
    pkg: PackageRecord,
    serviceName: string,
    carrierName: string,
    trackingNumber: string,
    createdAt: string,
    packageCount: number,
    lithiumMark: { unNumbers: string[] } | null = null,
    barcodes: ShippingLabelInput['barcodes'] = null,
  ) {
    return buildShippingLabel({
      lithiumMark,
      barcodes,
      shipFrom: { ...settings.get().shipFrom },
      shipTo: shipTo(order),
      carrierName,
      serviceName,
      trackingNumber,
      orderId: order.orderId,
      weightG: pkg.weightG ?? 0,
      createdAt,
      ...(packageCount > 1 ? { packageIndex: pkg.seq, packageCount } : {}),
    });
  }

  /** Until when online purchase counts as down after a failure that says the network is. */
  let onlineDownUntil = 0;

  function onlineFinding(service: ServiceRecord): Finding | null {
    if (service.trackingSource !== 'online') return null;
    if (!onlineShipping) {
      return { code: 'ONLINE_SHIPPING_NOT_SET_UP', severity: 'block', message: 'Online label purchase is not set up on this bench.', data: {} };
    }
    if (clock().getTime() < onlineDownUntil) {
      return {
        code: 'ONLINE_SHIPPING_OFFLINE',
        severity: 'block',
        message: 'Buy Shipping cannot be reached just now: an offline service is proposed instead.',
        data: { retryAt: new Date(onlineDownUntil).toISOString() },
      };
    }
    return null;
  }

  /**
   * Buys the label online. The package's reference id is stored before the first request and
   * is the purchase's idempotency key, so a retry after a lost answer gets the same label.
   */
  async function buyOnline(loaded: Loaded, pkg: PackageRecord, service: ServiceRecord, facts: PackageFacts, units: Record<string, number>) {
    if (!onlineShipping) throw new DomainError('ONLINE_SHIPPING_NOT_SET_UP', 'Online label purchase is not set up on this bench; choose an offline service.');
    const referenceId = pkg.packageReferenceId ?? newReferenceId();
    if (pkg.packageReferenceId === null) store.transaction(() => store.shipments.savePackage({ ...pkg, packageReferenceId: referenceId }, now()));
    const declared = declaredValueByCurrency(facts.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitValueMinor: line.unitValueMinor, currency: line.currency })));
    const [value] = declared.totals;
    const down = (error: { code: string; message: string }) => {
      onlineDownUntil = clock().getTime() + ONLINE_RETRY_AFTER_MS;
      return new DomainError('ONLINE_SHIPPING_OFFLINE', `Buy Shipping cannot be reached (${error.message}): choose one of the offline services the bench now proposes.`, {
        reason: error.code,
      });
    };
    const failed = (error: { code: string; message: string; retryable: boolean }) =>
      ['OFFLINE', 'SERVER_ERROR', 'RATE_LIMITED'].includes(error.code)
        ? down(error)
        : new DomainError('ONLINE_SHIPPING_REFUSED', `Buy Shipping refused the label: ${error.message}`, { reason: error.code });
    const rates = await onlineShipping.rates({
      orderId: loaded.order.orderId,
      orderItems: Object.entries(units).map(([orderItemId, quantity]) => ({ orderItemId, quantity })),
      shipFrom: { ...settings.get().shipFrom },
      shipTo: shipTo(loaded.order),
      package: {
        lengthMm: pkg.lengthMm ?? 0,
        widthMm: pkg.widthMm ?? 0,
        heightMm: pkg.heightMm ?? 0,
        weightG: pkg.weightG ?? 0,
        declaredValue: value && declared.totals.length === 1 ? { valueMinor: value.valueMinor, currency: value.currency } : { valueMinor: 0, currency: 'USD' },
        packageClientReferenceId: referenceId,
      },
    });
    if (!rates.ok) throw failed(rates.error);
    const quote = rates.value.find((candidate) => candidate.serviceId === service.shipMethod || candidate.serviceName === service.shipMethod) ??
      rates.value.find((candidate) => candidate.carrierId.toUpperCase() === service.carrierId.toUpperCase());
    if (!quote) {
      throw new DomainError('ONLINE_NO_RATE', `Buy Shipping offers no rate for ${service.nameEn} on this parcel; choose another service.`, { serviceId: service.id });
    }
    const bought = await onlineShipping.buy({ quote, idempotencyKey: referenceId, labelFormat: 'ZPL', dpi: settings.get().labelDpi, packageClientReferenceId: referenceId });
    if (!bought.ok) throw failed(bought.error);
    onlineDownUntil = 0;
    return { referenceId, label: bought.value };
  }

  async function printLabel(input: { orderId: string; serviceId: string; preprintedNumber?: string | undefined; reasonCode?: string | undefined }): Promise<PackView> {
    const operator = operators.require();
    const loaded = load(input.orderId);
    const pkg = closedPackage(loaded, operator);
    if (pkg.lengthMm === null || pkg.weightG === null) {
      throw new DomainError('PACKAGE_NOT_MEASURED', 'Choose a box and enter the weight before printing.');
    }
    const evaluation = evaluate(loaded, pkg);
    const blocking = evaluation.findings.filter((finding) => finding.severity === 'block');
    if (blocking.length > 0) throw blockedError(blocking);
    const index = evaluation.services.findIndex((service) => service.id === input.serviceId);
    const service = evaluation.services[index];
    const verdict = evaluation.verdicts[index];
    if (!service || !verdict) {
      throw new DomainError('SERVICE_NOT_FOUND', `There is no active service ${input.serviceId}.`, { serviceId: input.serviceId });
    }
    if (!verdict.eligible) throw blockedError(verdict.findings.filter((finding) => finding.severity === 'block'), service.nameEn);
    const proposedId = evaluation.choice?.proposedServiceId ?? null;
    const overriding = proposedId !== null && proposedId !== service.id;
    const reasons = settings.get().serviceOverrideReasons;
    if (overriding && input.reasonCode === undefined) {
      throw new DomainError('SERVICE_REASON_REQUIRED', `${service.nameEn} is not the proposed service: choose a reason for taking it.`, {
        serviceId: service.id,
        proposedServiceId: proposedId,
      });
    }
    if (overriding && !reasons.some((reason) => reason.code === input.reasonCode)) {
      throw new DomainError('REASON_UNKNOWN', `Unknown reason ${input.reasonCode ?? ''}: pick one from the list.`, { reasonCode: input.reasonCode ?? null });
    }
    if (service.trackingSource === 'pre-printed' && (input.preprintedNumber ?? '').trim() === '') {
      throw new DomainError('PREPRINTED_NUMBER_REQUIRED', `${service.nameEn} uses pre-printed labels: scan the label you put on the parcel.`, { serviceId: service.id });
    }

    const current = settings.get();
    const sessionPkg = sessionPackage(loaded.state);
    // An online label is bought before the transaction (the network is slow and may fail);
    // what it bought is then stored exactly like a number from a range.
    const purchased = service.trackingSource === 'online' ? await buyOnline(loaded, pkg, service, evaluation.facts, sessionPkg?.units ?? {}) : null;
    const at = now();
    // One transaction: the number is consumed, the label stored, the print job and the
    // marketplace confirmation queued together — or none of it happened.
    const stored = commit(loaded, () => {
      const trackingNumber = purchased
        ? acceptOnlineNumber(store, service, purchased.label.trackingNumber, pkg.id, at)
        : service.trackingSource === 'pre-printed'
          ? acceptPreprintedNumber(store, service, input.preprintedNumber ?? '', pkg.id, at)
          : allocateTrackingNumber(store, service, pkg.id, at);
      if (!store.carriers.setNumberState(trackingNumber, 'allocated', 'labelled', at, pkg.id)) {
        throw new Error(`tracking number ${trackingNumber} left the allocated state before its label was stored`);
      }
      const override = evaluation.choice && overriding ? explainOverride(evaluation.choice, service.id) : null;
      store.choices.record({
        at,
        orderId: loaded.order.orderId,
        packageId: pkg.id,
        operator: operator.name,
        proposedServiceId: proposedId,
        chosenServiceId: service.id,
        reasonCode: overriding ? (input.reasonCode ?? null) : null,
        explanation: evaluation.choice?.text ?? '',
        detail: {
          options: (evaluation.choice?.options ?? []).map((option) => ({
            serviceId: option.serviceId,
            totalMinor: option.cost?.totalMinor ?? null,
            currency: option.cost?.currency ?? null,
            deliveryLatest: option.deliveryLatest,
            keepsPromise: option.keepsPromise,
            excludedBy: option.excludedBy,
          })),
          override: override ? { text: override.text, extraCostMinor: override.extraCostMinor, daysLater: override.daysLater, missesPromise: override.missesPromise } : null,
        },
      });
      const labelled: PackageRecord = {
        ...pkg,
        status: 'labelled',
        serviceId: service.id,
        trackingNumber,
        packageReferenceId: purchased?.referenceId ?? pkg.packageReferenceId ?? newReferenceId(),
        labelledAt: at,
      };
      store.shipments.savePackage(labelled, at);
      storeFacts(loaded, [{ type: 'package-labelled', packageSeq: pkg.seq, trackingNumber, operator: operator.name, at }], { code: trackingNumber });
      const remaining = totalRemaining(loaded.state);
      const packageCount = loaded.state.packages.filter((candidate) => !candidate.voided).length + (remaining > 0 ? 1 : 0);
      const lithiumMark = needsLithiumMark(evaluation.facts)
        ? { unNumbers: lithiumDeclarations(evaluation.facts.lines.map((line) => ({ sku: line.sku, lithium: line.lithium, quantity: line.quantity }))).map((entry) => entry.unNumber) }
        : null;
      const model = labelFor(loaded.order, labelled, service.nameEn, service.carrierName, trackingNumber, at, packageCount, lithiumMark, service.labelBarcodes ?? null);
      // The carrier's own label when it was bought online in ZPL; the bench's otherwise.
      // Cleaned of commands that would change the printer's own setup (media, darkness, …).
      const zpl =
        purchased && purchased.label.labelFormat === 'ZPL'
          ? sanitizeCarrierZpl(new TextDecoder().decode(purchased.label.content)).zpl
          : renderZpl(model, { dpi: current.labelDpi, rasterize: systemZplTextRasterizer() });
      const labelId = store.shipments.addLabel(pkg.id, 'zpl', current.labelDpi, new TextEncoder().encode(zpl), at);
      const jobId = store.shipments.addPrintJob(labelId, describeTarget(current.printer), false, at);
      // A replacement (after-sales) is the bench's own order: Amazon does not know its id, so
      // there is nothing to confirm there. Its label is the whole of its shipment.
      if (loaded.order.source !== REPLACEMENT_SOURCE) {
        store.outbox.enqueue(
          {
            kind: 'confirm-shipment',
            orderId: loaded.order.orderId,
            packageId: pkg.id,
            confirmBy: loaded.order.latestShipDate,
            payload: {
              // Amazon's confirmShipment wants a positive number unique among the order's packages:
              // the package's number in its order, fixed now and sent on every retry. (The
              // package's own reference is the Buy Shipping idempotency key, a UUID.)
              packageReferenceId: String(labelled.seq),
              carrierCode: service.marketplaceCarrierCode,
              carrierName: service.carrierName,
              shippingMethod: service.shipMethod,
              trackingNumber,
              shipDate: at,
              orderItems: Object.entries(sessionPkg?.units ?? {}).map(([orderItemId, quantity]) => ({ orderItemId, quantity })),
              // Amazon knows a label bought through Buy Shipping: its confirmation is not sent.
              purchasedOnline: purchased !== null,
            },
          },
          at,
        );
      }
      if (remaining > 0) {
        // Units are left: the next package opens at once for the same packer.
        const nextPkg = store.shipments.createPackage(loaded.order.orderId, at);
        storeFacts(loaded, [{ type: 'opened', packageSeq: nextPkg.seq, operator: operator.name, at }]);
      } else if (isOrderComplete(loaded.state)) {
        store.orders.setStatus(loaded.order.orderId, 'packed', at);
        storeFacts(loaded, [{ type: 'released', operator: operator.name, at }]);
      }
      return { labelled, model, zpl, jobId };
    });
    try {
      const pdf = await renderLabelPdf(stored.model);
      store.shipments.addLabel(pkg.id, 'pdf', null, pdf, at);
    } catch (error) {
      // The ZPL label and its number are stored; the PDF can be made again on demand.
      console.error('label PDF rendering failed', error);
    }
    const printed = await runPrintJob(loaded, stored.labelled, stored.jobId, stored.zpl, operator.name);
    if (printed) await documentsAfterLabel(loaded.order.orderId, stored.labelled.id);
    return view(load(loaded.order.orderId));
  }

  // The slip and customs form follow a label that printed. Their failures are theirs: stored
  // on their own jobs and shown with a retry, never undoing the label.
  async function documentsAfterLabel(orderId: string, packageId: number): Promise<void> {
    const pkg = store.shipments.get(packageId);
    if (!documents || !pkg) return;
    try {
      await documents.afterLabel(orderId, pkg);
    } catch (error) {
      console.error(`documents after the label of ${orderId} failed`, error);
    }
  }

  async function printDocument(input: { orderId: string; doc: PrintableDocument }): Promise<PackView> {
    operators.require();
    const loaded = load(input.orderId);
    const pkg = labelledPackage(loaded);
    if (loaded.order.status === 'cancelled' || pkg.voidRequested) {
      throw new DomainError('ORDER_CANCELLED', `Order ${input.orderId} was cancelled: pull the parcel instead of printing its papers.`, { orderId: input.orderId });
    }
    if (!documents) throw new DomainError('DOCUMENT_PRINTER_OFF', 'This station prints labels only.', { doc: input.doc });
    await documents.printOnRequest(loaded.order.orderId, pkg, input.doc);
    return view(load(input.orderId));
  }

  /** Sends a stored label job; true when the printer took it. */
  async function runPrintJob(loaded: Loaded, pkg: PackageRecord, jobId: number, zpl: string, operator: string): Promise<boolean> {
    const current = settings.get();
    const data = new TextEncoder().encode(zpl);
    // Checked again just before sending: an order cancelled while the label was being made
    // must not produce a parcel that looks ready to go.
    const fresh = store.shipments.get(pkg.id);
    const order = store.orders.get(loaded.order.orderId);
    const stopped = order?.status === 'cancelled' || !fresh || fresh.voidRequested || fresh.status === 'void';
    const outcome = stopped
      ? { ok: false as const, error: 'order cancelled: the label was not printed' }
      : current.printer.mode === 'folder'
        ? writeLabelFiles(current.printer.folder, loaded.order, pkg, data)
        : await sendToLabelPrinter(current.printer, data, `${loaded.order.orderId}-${pkg.trackingNumber ?? pkg.id}.zpl`, `Label ${loaded.order.orderId}`);
    store.transaction(() => {
      store.shipments.finishPrintJob(jobId, outcome.ok ? 'printed' : 'failed', outcome.ok ? null : outcome.error, now());
      const fresh = store.shipments.get(pkg.id);
      if (outcome.ok && fresh && fresh.status === 'labelled') store.shipments.savePackage({ ...fresh, status: 'printed' }, now());
      logStep(loaded, pkg, 'print', pkg.trackingNumber, outcome.ok ? 'printed' : 'failed', operator, outcome.ok ? { jobId } : { jobId, error: outcome.error });
    });
    return outcome.ok;
  }

  function writeLabelFiles(folder: string, order: OrderRecord, pkg: PackageRecord, zpl: Uint8Array) {
    const base = `${order.orderId}-${pkg.trackingNumber ?? pkg.id}`;
    const pdf = store.shipments.latestLabel(pkg.id, 'pdf');
    if (pdf) {
      const pdfOutcome = writeToFolder(folder, `${base}.pdf`, pdf.content);
      if (!pdfOutcome.ok) return pdfOutcome;
    }
    return writeToFolder(folder, `${base}.zpl`, zpl);
  }

  /** The package whose label the screen is about: the last labelled one, else the current one. */
  function labelledPackage(loaded: Loaded): PackageRecord {
    const rows = store.shipments.packagesOf(loaded.order.orderId).filter((row) => row.trackingNumber !== null && row.status !== 'void');
    const last = rows[rows.length - 1];
    if (!last) throw new DomainError('LABEL_NOT_FOUND', `Order ${loaded.order.orderId} has no label yet.`, { orderId: loaded.order.orderId });
    return last;
  }

  async function retryPrint(orderId: string): Promise<PackView> {
    const operator = operators.require();
    const loaded = load(orderId);
    const pkg = labelledPackage(loaded);
    if (loaded.order.status === 'cancelled' || pkg.voidRequested) {
      throw new DomainError('ORDER_CANCELLED', `Order ${orderId} was cancelled: its label must not be printed again. Pull the parcel.`, { orderId });
    }
    const label = store.shipments.latestLabel(pkg.id, 'zpl');
    if (!label) throw new DomainError('LABEL_NOT_FOUND', `Order ${orderId} has no label to print yet.`, { orderId });
    const previous = store.shipments.latestPrintJob(pkg.id);
    const current = settings.get();
    // The same stored label is sent again: a reprint never allocates a new tracking number.
    const jobId = store.transaction(() => store.shipments.addPrintJob(label.id, describeTarget(current.printer), previous?.state === 'printed', now()));
    const printed = await runPrintJob(loaded, pkg, jobId, label.content.toString('utf8'), operator.name);
    // A slip still owed (its label failed first time round) follows the label now.
    if (printed) await documentsAfterLabel(loaded.order.orderId, pkg.id);
    return view(load(orderId));
  }

  async function labelDocument(input: { orderId: string; format: 'zpl' | 'pdf' }) {
    const loaded = load(input.orderId);
    const pkg = labelledPackage(loaded);
    let label = store.shipments.latestLabel(pkg.id, input.format);
    if (!label && input.format === 'pdf' && pkg.trackingNumber) {
      const service = pkg.serviceId ? store.carriers.getService(pkg.serviceId) : null;
      const model = labelFor(loaded.order, pkg, service?.nameEn ?? '', service?.carrierName ?? '', pkg.trackingNumber, pkg.labelledAt ?? now(), 1, null, service?.labelBarcodes ?? null);
      store.shipments.addLabel(pkg.id, 'pdf', null, await renderLabelPdf(model), now());
      label = store.shipments.latestLabel(pkg.id, 'pdf');
    }
    if (!label) throw new DomainError('LABEL_NOT_FOUND', `No ${input.format} label stored for ${input.orderId}.`);
    return {
      fileName: `${loaded.order.orderId}-${pkg.trackingNumber ?? pkg.seq}.${input.format}`,
      mime: input.format === 'pdf' ? 'application/pdf' : 'application/x-zpl',
      base64: label.content.toString('base64'),
    };
  }

  // ---- cancellation ---------------------------------------------------------------------

  /**
   * The order was cancelled (by import now, by marketplace sync later): labelled parcels are
   * marked to be pulled and their confirmations withdrawn; a session being packed blocks on
   * its next scan.
   */
  function applyCancellation(orderId: string, reason: string, by = 'marketplace'): void {
    const at = now();
    store.transaction(() => {
      // Who cancelled counts for the cancel rate: the marketplace (a buyer, Amazon) or the seller.
      if (!store.orders.cancel(orderId, reason, at, by === 'marketplace' ? 'marketplace' : 'seller')) return;
      store.shipments.requestVoid(orderId, at);
      for (const pkg of store.shipments.packagesOf(orderId)) {
        if (pkg.trackingNumber !== null) store.outbox.cancelForPackage(pkg.id, `order cancelled: ${reason}`, at);
        // Units of a package without a label go back on the shelf: their serials are free again.
        else store.shipments.releaseSerialsOf(pkg.id);
      }
      store.events.append({ at, operator: by, station: settings.get().stationName, orderId, packageId: null, kind: 'cancelled', code: null, result: 'ORDER_CANCELLED', detail: { reason } });
    });
    sessions.delete(orderId);
  }

  function cancelOrder(input: { orderId: string; reason: string }) {
    const supervisor = operators.approvingSupervisor();
    const order = loadOrder(input.orderId);
    if (order.status === 'shipped' || order.status === 'confirmed') {
      throw new DomainError('ORDER_ALREADY_SHIPPED', `Order ${order.orderId} has already left; it can no longer be cancelled here.`);
    }
    applyCancellation(order.orderId, input.reason, supervisor.name);
    const loaded = load(order.orderId);
    return toSummary({ ...loaded.order, items: loaded.items }, loaded.catalog, loaded.state.holder);
  }

  function pullList() {
    return store.shipments.toPull().map((pkg) => ({ orderId: pkg.orderId, packageId: pkg.id, seq: pkg.seq, trackingNumber: pkg.trackingNumber ?? '' }));
  }

  function confirmPulled(input: { orderId: string; packageId: number }) {
    const operator = operators.require();
    const loaded = load(input.orderId);
    const pkg = store.shipments.get(input.packageId);
    if (!pkg || pkg.orderId !== loaded.order.orderId || !pkg.voidRequested) {
      throw new DomainError('PACKAGE_NOT_TO_PULL', 'That parcel is not waiting to be pulled.', { packageId: input.packageId });
    }
    if (pkg.status === 'void') return {};
    if (store.manifests.manifestOf(pkg.id) !== null) {
      throw new DomainError('PACKAGE_ON_MANIFEST', `This parcel is on a closed manifest: it has left with ${pkg.trackingNumber ?? 'its carrier'}. Ask the carrier to intercept it.`, {
        packageId: pkg.id,
      });
    }
    commit(loaded, () => {
      const at = now();
      // The number is recorded as void with the package; it is never handed out again.
      store.shipments.savePackage({ ...pkg, status: 'void' }, at);
      if (pkg.trackingNumber !== null) store.carriers.setNumberState(pkg.trackingNumber, 'labelled', 'void', at);
      store.shipments.releaseSerialsOf(pkg.id);
      storeFacts(loaded, [{ type: 'package-voided', packageSeq: pkg.seq, reason: 'order cancelled', operator: operator.name, at }], {
        code: pkg.trackingNumber,
      });
    });
    return {};
  }

  function history(orderId: string) {
    const order = loadOrder(orderId);
    const seqById = new Map(store.shipments.packagesOf(order.orderId).map((pkg) => [pkg.id, pkg.seq]));
    return store.events.forOrder(order.orderId).map((event) => ({
      id: event.id,
      at: event.at,
      operator: event.operator,
      kind: event.kind,
      code: event.code,
      result: event.result,
      packageSeq: event.packageId === null ? null : (seqById.get(event.packageId) ?? null),
      detail: event.detail,
    }));
  }

  /** Units of an order still to scan (for the queue and the pick list). */
  function remainingUnits(orderId: string): Map<string, number> {
    const loaded = load(orderId);
    return new Map(loaded.lines.map((line) => [line.orderItemId, remainingOf(loaded.state, line.orderItemId)]));
  }

  return {
    weightOverride,
    setInsurance,
    weightSuggestions,
    applyCatalogWeight,
    open,
    scan,
    command,
    quantity,
    override,
    setBox,
    setWeight,
    printLabel,
    retryPrint,
    printDocument,
    labelDocument,
    applyCancellation,
    cancelOrder,
    pullList,
    confirmPulled,
    history,
    remainingUnits,
  };
}

function blockedError(blocking: Finding[], serviceName?: string): DomainError {
  const first = blocking[0];
  const where = serviceName ? `${serviceName}: ` : '';
  return new DomainError(first?.code ?? 'LABEL_BLOCKED', `${where}${first?.message ?? 'a check blocks this label'}`, {
    ...(first?.data ?? {}),
    count: blocking.length,
  });
}

export type PackService = ReturnType<typeof createPackService>;
