import { randomUUID } from 'node:crypto';
import type { Address, Finding, PackLine, PackView, ScanOutcome } from '../../shared/contract';
import { interpretProductCode } from '../../shared/domain/gtin';
import { packageFindings, serviceVerdicts } from '../../shared/domain/eligibility';
import type { PackageFacts, PackedUnit } from '../../shared/domain/eligibility';
import { US_SITE_RULES } from '../../shared/domain/limits';
import type { MarketplaceRules } from '../../shared/domain/limits';
import { makeTrackingNumber, validateTrackingNumber } from '../../shared/domain/tracking';
import { parseWeight } from '../../shared/domain/weight';
import { buildShippingLabel } from '../../shared/label/label-model';
import type { LabelAddress } from '../../shared/label/label-model';
import { renderZpl } from '../../shared/label/zpl';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import type { OrderItemRecord, OrderRecord } from '../db/repositories/orders';
import type { PackageRecord } from '../db/repositories/shipments';
import type { CatalogItem } from '../db/repositories/catalog';
import { renderLabelPdf } from './label-pdf';
import { describeTarget, sendRawTcp, writeToFolder } from './printer';
import type { SettingsService } from './settings-service';
import { toSummary } from './queue-service';

export type Clock = () => Date;

const PACKABLE = new Set(['new', 'acknowledged', 'packing']);
/** Orders whose label exists: they open read-only, so a failed print can be retried. */
const VIEWABLE_AFTER_LABEL = new Set(['packed']);

export type PackServiceDeps = {
  store: Store;
  settings: SettingsService;
  clock: Clock;
  marketplaceRules?: MarketplaceRules;
  newReferenceId?: () => string;
};

export function createPackService(deps: PackServiceDeps) {
  const { store, settings, clock } = deps;
  const rules = deps.marketplaceRules ?? US_SITE_RULES;
  const newReferenceId = deps.newReferenceId ?? (() => randomUUID());
  const now = () => clock().toISOString();

  function loadOrder(orderId: string): OrderRecord {
    const order = store.orders.get(orderId.trim());
    if (!order) throw new DomainError('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
    return order;
  }

  function assertPackable(order: OrderRecord): void {
    if (!PACKABLE.has(order.status)) {
      throw new DomainError(
        'ORDER_NOT_PACKABLE',
        `Order ${order.orderId} is ${order.status} and cannot be packed.`,
        { orderId: order.orderId, status: order.status },
      );
    }
  }

  function event(order: OrderRecord, pkg: PackageRecord | null, kind: 'open' | 'scan' | 'box' | 'weight' | 'label' | 'print', code: string | null, result: string, detail?: Record<string, unknown>) {
    const current = settings.get();
    store.events.append({
      at: now(),
      operator: current.operatorName,
      station: current.stationName,
      orderId: order.orderId,
      packageId: pkg?.id ?? null,
      kind,
      code,
      result,
      ...(detail ? { detail } : {}),
    });
  }

  function currentPackage(order: OrderRecord): PackageRecord {
    const pkg = store.shipments.currentPackage(order.orderId);
    if (!pkg) throw new DomainError('PACKAGE_NOT_OPEN', `Open order ${order.orderId} before scanning.`, { orderId: order.orderId });
    return pkg;
  }

  function catalogFor(items: OrderItemRecord[]): Map<string, CatalogItem | null> {
    return new Map(items.map((item) => [item.sku, store.catalog.get(item.sku)]));
  }

  function lines(items: OrderItemRecord[], catalog: Map<string, CatalogItem | null>, counts: Map<string, number>): PackLine[] {
    return items.map((item) => {
      const entry = catalog.get(item.sku) ?? null;
      return {
        orderItemId: item.orderItemId,
        sku: item.sku,
        productName: item.productName,
        nameEn: entry?.nameEn ?? null,
        nameZh: entry?.nameZh ?? null,
        gtin: entry?.gtin ?? null,
        quantity: item.quantity,
        scanned: counts.get(item.orderItemId) ?? 0,
        unitWeightG: entry?.unitWeightG ?? null,
        lithium: entry?.lithium ?? 'none',
        hazmatClass: entry?.hazmatClass ?? null,
        valueMinor: entry?.valueMinor ?? null,
        currency: entry?.currency ?? null,
        inCatalog: entry !== null,
      };
    });
  }

  function facts(pkg: PackageRecord, packLines: PackLine[], catalog: Map<string, CatalogItem | null>): PackageFacts {
    const units: PackedUnit[] = [];
    for (const line of packLines) {
      const entry = catalog.get(line.sku) ?? null;
      for (let i = 0; i < line.scanned; i += 1) {
        units.push({
          sku: line.sku,
          unitWeightG: line.unitWeightG,
          lithium: line.lithium,
          lithiumDoc: entry?.lithiumDoc ?? null,
          hazmatClass: line.hazmatClass,
        });
      }
    }
    const outer =
      pkg.lengthMm !== null && pkg.widthMm !== null && pkg.heightMm !== null
        ? { lengthMm: pkg.lengthMm, widthMm: pkg.widthMm, heightMm: pkg.heightMm }
        : null;
    return { outer, weightG: pkg.weightG, units };
  }

  function shipTo(order: OrderRecord): Address {
    const r = order.recipient;
    return {
      name: r.name,
      lines: [r.address1, r.address2, r.address3].filter((line): line is string => Boolean(line)),
      city: r.city,
      state: r.state,
      postalCode: r.postalCode,
      countryCode: r.countryCode,
      phone: r.phone,
    };
  }

  function evaluate(order: OrderRecord, pkg: PackageRecord) {
    const items = store.orders.items(order.orderId);
    const catalog = catalogFor(items);
    const packLines = lines(items, catalog, store.shipments.scannedCounts(pkg.id));
    const packageFacts = facts(pkg, packLines, catalog);
    const findings = packageFindings(rules, packageFacts);
    const services = store.carriers.listActiveServices();
    const verdicts = serviceVerdicts(
      services.map((service) => ({
        id: service.id,
        limits: service.limits,
        volumetricDivisor: service.volumetricDivisor,
        acceptsLithium: service.acceptsLithium,
        acceptsDangerousGoods: service.acceptsDangerousGoods,
        rangeRemaining: store.carriers.remaining(service.id),
      })),
      packageFacts,
      findings,
    );
    return { items, catalog, packLines, findings, services, verdicts };
  }

  function view(order: OrderRecord, pkg: PackageRecord): PackView {
    const { items, catalog, packLines, findings, services, verdicts } = evaluate(order, pkg);
    const job = store.shipments.latestPrintJob(pkg.id);
    return {
      order: { ...toSummary({ ...order, items }, catalog), shipTo: shipTo(order) },
      lines: packLines,
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
      allScanned: packLines.every((line) => line.scanned >= line.quantity),
      findings,
      services: services.map((service, index) => {
        const verdict = verdicts[index];
        return {
          serviceId: service.id,
          carrierName: service.carrierName,
          nameEn: service.nameEn,
          nameZh: service.nameZh,
          eligible: verdict?.eligible ?? false,
          findings: verdict?.findings ?? [],
          billableWeightG: verdict?.billableWeightG ?? null,
          rangeRemaining: store.carriers.remaining(service.id),
        };
      }),
      print: job
        ? { jobId: job.id, state: job.state, target: job.target, error: job.lastError, attempts: job.attempts }
        : null,
    };
  }

  function refreshed(orderId: string): PackView {
    const order = loadOrder(orderId);
    return view(order, currentPackage(order));
  }

  function assertNotLabelled(pkg: PackageRecord): void {
    if (pkg.trackingNumber !== null) {
      throw new DomainError('PACKAGE_ALREADY_LABELLED', `This package already has label ${pkg.trackingNumber}.`, {
        trackingNumber: pkg.trackingNumber,
      });
    }
  }

  function open(orderId: string): PackView {
    const order = loadOrder(orderId);
    const existing = store.shipments.currentPackage(order.orderId);
    if (VIEWABLE_AFTER_LABEL.has(order.status) && existing) return view(order, existing);
    assertPackable(order);
    const pkg = store.transaction(() => {
      const pkgNow = existing ?? store.shipments.createPackage(order.orderId, now());
      if (order.status !== 'packing') store.orders.setStatus(order.orderId, 'packing', now());
      event(order, pkgNow, 'open', null, 'ok');
      return pkgNow;
    });
    return view(loadOrder(order.orderId), pkg);
  }

  function matchCatalog(code: string): { item: CatalogItem | null; badCheckDigit: boolean } {
    const interpreted = interpretProductCode(code);
    if (interpreted.kind === 'gtin') return { item: store.catalog.findByGtin(interpreted.gtin14), badCheckDigit: false };
    if (interpreted.kind === 'bad-check-digit') return { item: null, badCheckDigit: true };
    const value = interpreted.value;
    return { item: store.catalog.get(value) ?? store.catalog.get(value.toUpperCase()), badCheckDigit: false };
  }

  function scan(orderId: string, rawCode: string): { outcome: ScanOutcome; view: PackView } {
    const order = loadOrder(orderId);
    const code = rawCode.trim();
    const pkg = currentPackage(order);
    const reject = (errorCode: string, message: string, data: Record<string, string | number | boolean | null>) => {
      store.transaction(() => event(order, pkg, 'scan', code, errorCode, data));
      return { outcome: { accepted: false, code: errorCode, message, data }, view: view(order, pkg) };
    };
    if (!PACKABLE.has(order.status)) {
      return reject('ORDER_NOT_PACKABLE', `Order ${order.orderId} is ${order.status}; no more units can be added.`, {
        orderId: order.orderId,
        status: order.status,
      });
    }
    if (pkg.trackingNumber !== null) {
      return reject('PACKAGE_ALREADY_LABELLED', `This package already has label ${pkg.trackingNumber}.`, {
        trackingNumber: pkg.trackingNumber,
      });
    }
    if (code === '') return reject('SCAN_EMPTY', 'The scan was empty.', {});
    const { item, badCheckDigit } = matchCatalog(code);
    const items = store.orders.items(order.orderId);
    if (badCheckDigit) {
      return reject('SCAN_BAD_CHECK_DIGIT', `${code} has a wrong check digit: rescan it or type it again.`, { code });
    }
    // Items outside the catalogue can still be verified by their seller SKU as printed on them.
    const sku = item?.sku ?? items.find((line) => line.sku === code || line.sku.toUpperCase() === code.toUpperCase())?.sku;
    if (sku === undefined) {
      return reject('SCAN_UNKNOWN_BARCODE', `${code} is not a known product barcode or SKU.`, { code });
    }
    const candidates = items.filter((line) => line.sku === sku);
    if (candidates.length === 0) {
      return reject('SCAN_WRONG_ITEM', `${sku} is not in order ${order.orderId}: put it aside.`, { code, sku });
    }
    const counts = store.shipments.scannedCounts(pkg.id);
    const target = candidates.find((line) => (counts.get(line.orderItemId) ?? 0) < line.quantity);
    if (!target) {
      const ordered = candidates.reduce((sum, line) => sum + line.quantity, 0);
      return reject('SCAN_OVER_SCAN', `${sku}: all ${ordered} ordered units are already scanned; take this one out.`, {
        code,
        sku,
        ordered,
      });
    }
    const scannedAfter = (counts.get(target.orderItemId) ?? 0) + 1;
    store.transaction(() => {
      store.shipments.addScannedUnit(pkg.id, target.orderItemId);
      const allDone = items.every((line) =>
        line.orderItemId === target.orderItemId ? scannedAfter >= line.quantity : (counts.get(line.orderItemId) ?? 0) >= line.quantity,
      );
      if (allDone && pkg.status === 'open') store.shipments.savePackage({ ...pkg, status: 'verified' }, now());
      event(order, pkg, 'scan', code, 'accepted', { sku, orderItemId: target.orderItemId });
    });
    const data = { sku, scanned: scannedAfter, quantity: target.quantity };
    return {
      outcome: { accepted: true, code: 'SCAN_ACCEPTED', message: `${sku}: ${scannedAfter} of ${target.quantity}`, data },
      view: refreshed(order.orderId),
    };
  }

  function assertVerified(order: OrderRecord, pkg: PackageRecord): void {
    const counts = store.shipments.scannedCounts(pkg.id);
    const missing = store.orders.items(order.orderId).filter((line) => (counts.get(line.orderItemId) ?? 0) < line.quantity);
    if (missing.length > 0) {
      throw new DomainError('PACK_NOT_VERIFIED', `Scan every unit first: ${missing.length} line(s) still open.`, {
        openLines: missing.length,
      });
    }
  }

  function setBox(input: { orderId: string; boxId: string | null; lengthMm?: number; widthMm?: number; heightMm?: number }): PackView {
    const order = loadOrder(input.orderId);
    assertPackable(order);
    const pkg = currentPackage(order);
    assertNotLabelled(pkg);
    assertVerified(order, pkg);
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
    const next: PackageRecord = {
      ...pkg,
      boxId: input.boxId,
      ...dims,
      status: pkg.weightG === null ? 'boxed' : 'weighed',
    };
    store.transaction(() => {
      store.shipments.savePackage(next, now());
      event(order, pkg, 'box', input.boxId, 'ok', dims);
    });
    return view(order, next);
  }

  function setWeight(input: { orderId: string; weight: string }): PackView {
    const order = loadOrder(input.orderId);
    assertPackable(order);
    const pkg = currentPackage(order);
    assertNotLabelled(pkg);
    assertVerified(order, pkg);
    const parsed = parseWeight(input.weight);
    if (!parsed.ok) throw new DomainError(parsed.code, parsed.message, { input: input.weight });
    const next: PackageRecord = { ...pkg, weightG: parsed.grams, status: pkg.lengthMm === null ? pkg.status : 'weighed' };
    store.transaction(() => {
      store.shipments.savePackage(next, now());
      event(order, pkg, 'weight', input.weight, 'ok', { grams: parsed.grams });
    });
    return view(order, next);
  }

  function labelAddress(address: Address): LabelAddress {
    return { ...address };
  }

  function labelFor(order: OrderRecord, pkg: PackageRecord, serviceName: string, carrierName: string, trackingNumber: string, createdAt: string) {
    return buildShippingLabel({
      shipFrom: labelAddress(settings.get().shipFrom),
      shipTo: labelAddress(shipTo(order)),
      carrierName,
      serviceName,
      trackingNumber,
      orderId: order.orderId,
      weightG: pkg.weightG ?? 0,
      createdAt,
    });
  }

  async function printLabel(input: { orderId: string; serviceId: string }): Promise<PackView> {
    const order = loadOrder(input.orderId);
    assertPackable(order);
    const pkg = currentPackage(order);
    assertNotLabelled(pkg);
    assertVerified(order, pkg);
    if (pkg.lengthMm === null || pkg.weightG === null) {
      throw new DomainError('PACKAGE_NOT_MEASURED', 'Choose a box and enter the weight before printing.');
    }
    const evaluation = evaluate(order, pkg);
    const blocking = evaluation.findings.filter((finding) => finding.severity === 'block');
    if (blocking.length > 0) throw blockedError(blocking);
    const index = evaluation.services.findIndex((service) => service.id === input.serviceId);
    const service = evaluation.services[index];
    const verdict = evaluation.verdicts[index];
    if (!service || !verdict) {
      throw new DomainError('SERVICE_NOT_FOUND', `There is no active service ${input.serviceId}.`, { serviceId: input.serviceId });
    }
    if (!verdict.eligible) throw blockedError(verdict.findings.filter((finding) => finding.severity === 'block'), service.nameEn);

    const current = settings.get();
    const at = now();
    // One transaction: the number is consumed, the label stored, the print job and the
    // marketplace confirmation queued together — or none of it happened.
    const stored = store.transaction(() => {
      const taken = store.carriers.takeNextSequence(service.id);
      if (!taken) throw new DomainError('TRACKING_RANGE_EXHAUSTED', `No tracking numbers left for ${service.nameEn}.`);
      const trackingNumber = makeTrackingNumber(service.trackingFormat, taken.range, taken.sequence);
      const valid = validateTrackingNumber(service.trackingFormat, trackingNumber);
      if (!valid.ok) throw new DomainError(valid.code, `Range produced an invalid number ${trackingNumber}: ${valid.message}`);
      const labelled: PackageRecord = {
        ...pkg,
        status: 'labelled',
        serviceId: service.id,
        trackingNumber,
        packageReferenceId: pkg.packageReferenceId ?? newReferenceId(),
        labelledAt: at,
      };
      store.shipments.savePackage(labelled, at);
      const model = labelFor(order, labelled, service.nameEn, service.carrierName, trackingNumber, at);
      const zpl = renderZpl(model, { dpi: current.labelDpi });
      const labelId = store.shipments.addLabel(pkg.id, 'zpl', current.labelDpi, new TextEncoder().encode(zpl), at);
      const jobId = store.shipments.addPrintJob(labelId, describeTarget(current.printer), false, at);
      store.outbox.enqueue(
        {
          kind: 'confirm-shipment',
          orderId: order.orderId,
          packageId: pkg.id,
          confirmBy: order.latestShipDate,
          payload: {
            packageReferenceId: labelled.packageReferenceId,
            carrierCode: service.marketplaceCarrierCode,
            carrierName: service.carrierName,
            shippingMethod: service.shipMethod,
            trackingNumber,
            shipDate: at,
            orderItems: evaluation.packLines.map((line) => ({ orderItemId: line.orderItemId, quantity: line.scanned })),
          },
        },
        at,
      );
      store.orders.setStatus(order.orderId, 'packed', at);
      event(order, labelled, 'label', trackingNumber, 'ok', { serviceId: service.id });
      return { labelled, model, zpl, jobId };
    });
    try {
      const pdf = await renderLabelPdf(stored.model);
      store.shipments.addLabel(pkg.id, 'pdf', null, pdf, at);
    } catch (error) {
      // The ZPL label and its number are stored; the PDF can be made again on demand.
      console.error('label PDF rendering failed', error);
    }
    await runPrintJob(loadOrder(order.orderId), stored.labelled, stored.jobId, stored.zpl);
    return refreshed(order.orderId);
  }

  async function runPrintJob(order: OrderRecord, pkg: PackageRecord, jobId: number, zpl: string): Promise<void> {
    const current = settings.get();
    const data = new TextEncoder().encode(zpl);
    const outcome =
      current.printer.mode === 'tcp'
        ? await sendRawTcp(current.printer.host, current.printer.port, data, current.printer.timeoutMs)
        : writeLabelFiles(current.printer.folder, order, pkg, data);
    store.transaction(() => {
      store.shipments.finishPrintJob(jobId, outcome.ok ? 'printed' : 'failed', outcome.ok ? null : outcome.error, now());
      if (outcome.ok && pkg.status === 'labelled') store.shipments.savePackage({ ...pkg, status: 'printed' }, now());
      event(order, pkg, 'print', pkg.trackingNumber, outcome.ok ? 'printed' : 'failed', outcome.ok ? { jobId } : { jobId, error: outcome.error });
    });
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

  async function retryPrint(orderId: string): Promise<PackView> {
    const order = loadOrder(orderId);
    const pkg = currentPackage(order);
    const label = store.shipments.latestLabel(pkg.id, 'zpl');
    if (!label || pkg.trackingNumber === null) {
      throw new DomainError('LABEL_NOT_FOUND', `Order ${orderId} has no label to print yet.`, { orderId });
    }
    const previous = store.shipments.latestPrintJob(pkg.id);
    const current = settings.get();
    // The same stored label is sent again: a reprint never allocates a new tracking number.
    const jobId = store.transaction(() =>
      store.shipments.addPrintJob(label.id, describeTarget(current.printer), previous?.state === 'printed', now()),
    );
    await runPrintJob(order, pkg, jobId, label.content.toString('utf8'));
    return refreshed(orderId);
  }

  async function labelDocument(input: { orderId: string; format: 'zpl' | 'pdf' }) {
    const order = loadOrder(input.orderId);
    const pkg = currentPackage(order);
    if (pkg.trackingNumber === null) {
      throw new DomainError('LABEL_NOT_FOUND', `Order ${input.orderId} has no label yet.`, { orderId: input.orderId });
    }
    let label = store.shipments.latestLabel(pkg.id, input.format);
    if (!label && input.format === 'pdf') {
      const service = pkg.serviceId ? store.carriers.getService(pkg.serviceId) : null;
      const model = labelFor(order, pkg, service?.nameEn ?? '', service?.carrierName ?? '', pkg.trackingNumber, pkg.labelledAt ?? now());
      const pdf = await renderLabelPdf(model);
      store.shipments.addLabel(pkg.id, 'pdf', null, pdf, now());
      label = store.shipments.latestLabel(pkg.id, 'pdf');
    }
    if (!label) throw new DomainError('LABEL_NOT_FOUND', `No ${input.format} label stored for ${input.orderId}.`);
    return {
      fileName: `${order.orderId}-${pkg.trackingNumber}.${input.format}`,
      mime: input.format === 'pdf' ? 'application/pdf' : 'application/x-zpl',
      base64: label.content.toString('base64'),
    };
  }

  return { open, scan, setBox, setWeight, printLabel, retryPrint, labelDocument };
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
