import { recipientAddress } from '../../shared/domain/recipient';
import { systemZplTextRasterizer } from '../label/cjk-font';
import { packedLinesOf } from './packed-lines';
import { PDFDocument } from 'pdf-lib';
import { lithiumDeclarations } from '../../shared/domain/compliance';
import { customsDeclaredValue, customsFormFor, DEFAULT_CUSTOMS_FORM_POLICY, isInternational } from '../../shared/domain/customs';
import { needsLithiumMark } from '../../shared/domain/eligibility';
import type { PackedLine } from '../../shared/domain/eligibility';
import { buildCustomsDeclaration, buildManifest, buildPackingSlip, DOCUMENT_PAGE_SIZES, manifestTotals } from '../../shared/label/documents';
import type { CustomsLine, DocumentPage, ManifestInput, SlipLine } from '../../shared/label/documents';
import { buildShippingLabel } from '../../shared/label/label-model';
import type { LabelAddress, LabelModel, PrinterDpi } from '../../shared/label/label-model';
import { manifestCsv } from '../../shared/label/manifest-csv';
import { renderZpl } from '../../shared/label/zpl';
import { replay } from '../../shared/pack/pack-session';
import type { SessionLine } from '../../shared/pack/pack-session';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import type { CatalogItem } from '../db/repositories/catalog';
import type { ManifestCandidate, ManifestRecord } from '../db/repositories/manifests';
import type { OrderItemRecord, OrderRecord } from '../db/repositories/orders';
import type { PackageRecord } from '../db/repositories/shipments';
import { renderLabelPdf } from './label-pdf';
import type { SettingsService } from './settings-service';

export type DocumentKind = 'label' | 'slip' | 'customs';
export type DocumentFormat = 'zpl' | 'pdf';

export type DocumentFile = { fileName: string; mime: string; content: Uint8Array; pages: number };

export type ManifestServiceDeps = { store: Store; settings: Pick<SettingsService, 'get'>; clock: () => Date };

const MIME: Record<DocumentFormat | 'csv', string> = { zpl: 'application/x-zpl', pdf: 'application/pdf', csv: 'text/csv' };

/**
 * One PDF of several pages, each page the size its model says. renderLabelPdf draws one page;
 * each is rendered on its own and copied in, so a change to the label renderer (fonts, CJK)
 * reaches every document without a second drawing path.
 */
export async function renderPagesPdf(pages: readonly LabelModel[], title: string): Promise<Uint8Array> {
  return mergePdfs(await Promise.all(pages.map((page) => renderLabelPdf(page))), title);
}

async function mergePdfs(files: readonly Uint8Array[], title: string): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  out.setTitle(title);
  out.setProducer('PackBench');
  for (const file of files) {
    const source = await PDFDocument.load(file);
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  return out.save();
}

function renderPagesZpl(pages: readonly LabelModel[], dpi: PrinterDpi): string {
  return pages.map((page) => renderZpl(page, { dpi, rasterize: systemZplTextRasterizer() })).join('');
}

function isDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
}

/**
 * The station's local day as the UTC instants [from, to) that labelled_at is stored in. Built
 * from local midnights rather than 24 h, so a day with a clock change is the right length.
 */
export function localDayRange(day: string): { from: string; to: string } {
  if (!isDay(day)) throw new DomainError('DAY_INVALID', `"${day}" is not a calendar date; write it as YYYY-MM-DD.`, { day });
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { from: new Date(y, m - 1, d).toISOString(), to: new Date(y, m - 1, d + 1).toISOString() };
}

function localDayOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** End-of-day close-out per carrier, and the documents of an order already packed. */
export function createManifestService(deps: ManifestServiceDeps) {
  const { store, settings, clock } = deps;

  function carrierName(carrierId: string): string {
    const service = store.carriers.listServices().find((candidate) => candidate.carrierId === carrierId);
    if (!service) throw new DomainError('CARRIER_NOT_FOUND', `There is no carrier ${carrierId} in the catalogue.`, { carrierId });
    return service.carrierName;
  }

  function serviceOf(carrierId: string, serviceId: string | null): string | null {
    if (serviceId === null) return null;
    const service = store.carriers.getService(serviceId);
    if (!service || service.carrierId !== carrierId) {
      throw new DomainError('SERVICE_NOT_FOUND', `${carrierId} has no service ${serviceId}.`, { carrierId, serviceId });
    }
    return service.nameEn;
  }

  /** Packages of the carrier labelled on that local day, not void and not yet on a manifest. */
  function packagesForManifest(carrierId: string, day: string, serviceId: string | null = null): ManifestCandidate[] {
    carrierName(carrierId);
    serviceOf(carrierId, serviceId);
    const { from, to } = localDayRange(day);
    return store.manifests.candidates(carrierId, serviceId, from, to);
  }

  function manifestInput(carrierId: string, serviceId: string | null, day: string, packages: readonly ManifestCandidate[], closed: { at: string; by: string } | null): ManifestInput {
    return {
      carrierId,
      carrierName: carrierName(carrierId),
      serviceName: serviceOf(carrierId, serviceId),
      day,
      closedAt: closed?.at ?? null,
      closedBy: closed?.by ?? null,
      shipFrom: { ...settings.get().shipFrom },
      packages: packages.map((pkg) => ({ orderId: pkg.orderId, packageSeq: pkg.seq, trackingNumber: pkg.trackingNumber, serviceName: pkg.serviceName, weightG: pkg.weightG })),
    };
  }

  const sameIds = (a: readonly ManifestCandidate[], b: readonly ManifestCandidate[]) =>
    a.length === b.length && a.every((pkg, i) => pkg.packageId === b[i]?.packageId);

  /**
   * Closes the carrier's day: the manifest (PDF and CSV) is stored and every package on it is
   * locked, in one transaction. The PDF is made before the transaction (pdf-lib is async); if a
   * package was labelled or voided meanwhile, the list is taken again and the PDF redone.
   */
  async function closeOut(carrierId: string, day: string, operator: string, serviceId: string | null = null): Promise<{ manifest: ManifestRecord; packages: ManifestCandidate[] }> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const packages = packagesForManifest(carrierId, day, serviceId);
      if (packages.length === 0) {
        throw new DomainError('MANIFEST_NOTHING_TO_CLOSE', `No ${carrierId} package labelled on ${day} is waiting for a manifest.`, { carrierId, day });
      }
      const closedAt = clock().toISOString();
      const input = manifestInput(carrierId, serviceId, day, packages, { at: closedAt, by: operator });
      const pdf = await renderPagesPdf(buildManifest(input), `Manifest ${carrierId} ${day}`);
      const csv = manifestCsv(input);
      const totals = manifestTotals(input.packages);
      const id = store.writeTransaction(() => {
        if (!sameIds(packagesForManifest(carrierId, day, serviceId), packages)) return null;
        const closed = store.manifests.close(
          { carrierId, serviceId, day, closedAt, closedBy: operator, packageCount: totals.count, totalWeightG: totals.totalWeightG, pdf: Buffer.from(pdf), csv },
          packages.map((pkg) => pkg.packageId),
        );
        // Cannot happen while the list above was re-read under the write lock; if it does, the
        // throw rolls the manifest back rather than leave a manifest that lists a package it lacks.
        if (!closed.allAssigned) throw new Error('a package went onto another manifest during close-out');
        return closed.id;
      });
      if (id === null) continue;
      const manifest = store.manifests.get(id);
      if (!manifest) throw new Error('manifest vanished after insert');
      return { manifest, packages };
    }
    throw new DomainError('MANIFEST_BUSY', `The ${carrierId} packages kept changing during close-out; try again.`, { carrierId, day });
  }

  /** Whether the package was handed over on a closed manifest: then it cannot be voided or relabelled. */
  function isLockedByManifest(packageId: number): boolean {
    return store.manifests.manifestOf(packageId) !== null;
  }

  function assertNotLocked(packageId: number): void {
    const manifestId = store.manifests.manifestOf(packageId);
    if (manifestId !== null) {
      throw new DomainError('PACKAGE_ON_MANIFEST', `This parcel was handed to the carrier on manifest ${manifestId}: it can no longer be voided or relabelled.`, {
        packageId,
        manifestId,
      });
    }
  }

  /**
   * The manifest of a carrier's day: the latest closed one as stored (the copy the driver
   * signed), or, before close-out, a draft of the packages waiting, marked as such.
   */
  async function manifestDocument(carrierId: string, day: string, format: 'pdf' | 'csv'): Promise<DocumentFile & { manifestId: number | null; closedCount: number }> {
    carrierName(carrierId);
    if (!isDay(day)) throw new DomainError('DAY_INVALID', `"${day}" is not a calendar date; write it as YYYY-MM-DD.`, { day });
    const closed = store.manifests.ofDay(carrierId, day);
    const latest = closed[closed.length - 1];
    const fileName = `manifest-${carrierId}-${day}.${format}`;
    if (latest) {
      const documents = store.manifests.documents(latest.id);
      if (!documents) throw new Error(`manifest ${latest.id} has no documents`);
      const content = format === 'pdf' ? new Uint8Array(documents.pdf) : new TextEncoder().encode(documents.csv);
      const pages = format === 'pdf' ? (await PDFDocument.load(content)).getPageCount() : 1;
      return { fileName, mime: MIME[format], content, pages, manifestId: latest.id, closedCount: closed.length };
    }
    const packages = packagesForManifest(carrierId, day);
    if (packages.length === 0) {
      throw new DomainError('MANIFEST_EMPTY', `No ${carrierId} package was labelled on ${day}, and no manifest was closed that day.`, { carrierId, day });
    }
    const input = manifestInput(carrierId, null, day, packages, null);
    if (format === 'csv') return { fileName, mime: MIME.csv, content: new TextEncoder().encode(manifestCsv(input)), pages: 1, manifestId: null, closedCount: 0 };
    const pages = buildManifest(input);
    return { fileName, mime: MIME.pdf, content: await renderPagesPdf(pages, `Manifest draft ${carrierId} ${day}`), pages: pages.length, manifestId: null, closedCount: 0 };
  }

  // ---- documents of a packed order --------------------------------------------------------

  type PackedPackage = {
    pkg: PackageRecord;
    index: number;
    count: number;
    units: Record<string, number>;
  };

  function packedPackages(order: OrderRecord, items: readonly OrderItemRecord[], catalog: Map<string, CatalogItem | null>): PackedPackage[] {
    const lines: SessionLine[] = items.map((item) => ({
      orderItemId: item.orderItemId,
      sku: item.sku,
      quantity: item.quantity,
      serialRequired: catalog.get(item.sku)?.serialRequired ?? false,
      quantityEntryAllowed: catalog.get(item.sku)?.quantityEntryAllowed ?? false,
    }));
    // What each package holds is in the pack log only: replayed as the pack service does.
    const state = replay(order.orderId, lines, store.events.factsFor(order.orderId));
    const labelled = store.shipments.packagesOf(order.orderId).filter((pkg) => pkg.trackingNumber !== null && pkg.status !== 'void');
    return labelled.map((pkg, i) => ({
      pkg,
      // Counted over the packages that travel, so a voided first box does not make "2 of 1".
      index: i + 1,
      count: labelled.length,
      units: state.packages.find((entry) => entry.seq === pkg.seq)?.units ?? {},
    }));
  }

  function shipTo(order: OrderRecord): LabelAddress {
    return recipientAddress(order.recipient);
  }


  function labelModel(order: OrderRecord, packed: PackedPackage, lines: PackedLine[]): LabelModel {
    const { pkg } = packed;
    const service = pkg.serviceId ? store.carriers.getService(pkg.serviceId) : null;
    // The lithium mark is worked out again from the package's contents, exactly as at print time:
    // a re-rendered label must never lose it.
    const lithiumMark = needsLithiumMark({ lines }) ? { unNumbers: lithiumDeclarations(lines).map((entry) => entry.unNumber) } : null;
    return buildShippingLabel({
      lithiumMark,
      barcodes: service?.labelBarcodes ?? null,
      shipFrom: { ...settings.get().shipFrom },
      shipTo: shipTo(order),
      carrierName: service?.carrierName ?? '',
      serviceName: service?.nameEn ?? '',
      trackingNumber: pkg.trackingNumber ?? '',
      orderId: order.orderId,
      weightG: pkg.weightG ?? 0,
      createdAt: pkg.labelledAt ?? clock().toISOString(),
      ...(packed.count > 1 ? { packageIndex: packed.index, packageCount: packed.count } : {}),
    });
  }

  async function labelFiles(order: OrderRecord, packed: PackedPackage, lines: PackedLine[], format: DocumentFormat, wanted: PrinterDpi | null): Promise<Uint8Array> {
    const { pkg } = packed;
    const stored = store.shipments.latestLabel(pkg.id, format);
    // The stored label is what was printed (for an online service, the carrier's own ZPL);
    // it is given back as is unless another resolution is asked for.
    if (stored && (format === 'pdf' || wanted === null || stored.dpi === null || stored.dpi === wanted)) return new Uint8Array(stored.content);
    const dpi = wanted ?? settings.get().labelDpi;
    const service = pkg.serviceId ? store.carriers.getService(pkg.serviceId) : null;
    if (format === 'zpl' && service?.trackingSource === 'online' && stored) {
      throw new DomainError('LABEL_DPI_FIXED', `The ${service.carrierName} label was bought at ${stored.dpi ?? '?'} dpi and cannot be made at ${dpi} dpi.`, {
        stored: stored.dpi,
        dpi,
      });
    }
    const model = labelModel(order, packed, lines);
    return format === 'pdf' ? renderLabelPdf(model) : new TextEncoder().encode(renderZpl(model, { dpi, rasterize: systemZplTextRasterizer() }));
  }

  function slipPages(order: OrderRecord, items: readonly OrderItemRecord[], catalog: Map<string, CatalogItem | null>, packed: PackedPackage, page: DocumentPage): LabelModel[] {
    const lines: SlipLine[] = items.map((item) => {
      const entry = catalog.get(item.sku) ?? null;
      return { sku: item.sku, nameEn: entry?.nameEn ?? item.productName, nameZh: entry?.nameZh ?? null, inPackage: packed.units[item.orderItemId] ?? 0, ordered: item.quantity };
    });
    return buildPackingSlip(
      {
        orderId: order.orderId,
        shipTo: shipTo(order),
        packageIndex: packed.index,
        packageCount: packed.count,
        date: localDayOf(new Date(packed.pkg.labelledAt ?? clock().toISOString())),
        lines,
        trackingNumber: packed.pkg.trackingNumber,
      },
      DOCUMENT_PAGE_SIZES[page],
    );
  }

  function customsPages(order: OrderRecord, packed: PackedPackage, lines: PackedLine[], format: DocumentFormat, page: DocumentPage | null): LabelModel[] {
    const { pkg } = packed;
    const service = pkg.serviceId ? store.carriers.getService(pkg.serviceId) : null;
    if (!service) throw new DomainError('SERVICE_NOT_FOUND', `The service of ${order.orderId}'s package ${pkg.seq} is no longer in the catalogue.`, { orderId: order.orderId });
    const declared = customsDeclaredValue(lines);
    if (!declared) {
      throw new DomainError('CUSTOMS_VALUE_UNKNOWN', `The goods in ${order.orderId} have no single declared value (a value is missing or currencies are mixed).`, {
        orderId: order.orderId,
      });
    }
    const form = customsFormFor(service.network, declared, DEFAULT_CUSTOMS_FORM_POLICY);
    if (form === 'invoice') {
      throw new DomainError('CUSTOMS_INVOICE_REQUIRED', `${service.nameEn} is an express service: customs wants a commercial invoice, not a CN22 or CN23.`, {
        orderId: order.orderId,
        serviceId: service.id,
      });
    }
    const customsLines: CustomsLine[] = lines.map((line) => ({
      descriptionEn: line.descriptionEn ?? line.sku,
      quantity: line.quantity,
      netWeightG: line.unitWeightG === null ? null : line.unitWeightG * line.quantity,
      valueMinor: (line.unitValueMinor ?? 0) * line.quantity,
      hsCode: line.hsCode,
      originCountry: line.originCountry,
    }));
    // A CN22 is a label; a CN23 is A4 for the office printer, or label-sized for the thermal one.
    const size = DOCUMENT_PAGE_SIZES[page ?? (form === 'CN22' || format === 'zpl' ? '4x6' : 'a4')];
    return buildCustomsDeclaration(
      {
        form,
        operatorName: service.carrierName,
        // Marketplace orders are sales: the UPU category is "sale of goods".
        category: 'merchandise',
        currency: declared.currency,
        lines: customsLines,
        grossWeightG: pkg.weightG,
        sender: { ...settings.get().shipFrom },
        addressee: shipTo(order),
        date: localDayOf(new Date(pkg.labelledAt ?? clock().toISOString())),
        trackingNumber: pkg.trackingNumber,
        invoiceNumber: order.orderId,
      },
      size,
    );
  }

  /**
   * A document of an order already packed, for re-printing from scripts: the shipping label,
   * the packing slip or the customs declaration of every package that travels (one page or
   * label each, in package order). `page` chooses the slip's paper; the label is always 4 × 6.
   * Without a dpi, a stored label is given as printed and anything else is made at the
   * station's label printer resolution.
   */
  async function documentFor(orderId: string, doc: DocumentKind, format: DocumentFormat, dpi: PrinterDpi | null = null, page: DocumentPage | null = null): Promise<DocumentFile> {
    const order = store.orders.get(orderId.trim());
    if (!order) throw new DomainError('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
    const items = store.orders.items(order.orderId);
    const catalog = new Map<string, CatalogItem | null>();
    for (const item of items) if (!catalog.has(item.sku)) catalog.set(item.sku, store.catalog.get(item.sku));
    const packages = packedPackages(order, items, catalog);
    if (packages.length === 0) {
      throw new DomainError('ORDER_NOT_PACKED', `Order ${order.orderId} has no labelled package yet: pack it and print its label first.`, { orderId: order.orderId });
    }
    if (doc === 'customs' && !isInternational(settings.get().shipFrom.countryCode, order.recipient.countryCode)) {
      throw new DomainError('CUSTOMS_NOT_NEEDED', `Order ${order.orderId} stays in ${order.recipient.countryCode}: a domestic parcel has no customs declaration.`, {
        orderId: order.orderId,
      });
    }
    const fileName = `${order.orderId}-${doc}.${format}`;
    if (doc === 'label') {
      const files = await Promise.all(packages.map((packed) => labelFiles(order, packed, packedLinesOf(items, catalog, packed.units), format, dpi)));
      const content = format === 'pdf' ? await mergePdfs(files, `Labels ${order.orderId}`) : concat(files);
      return { fileName, mime: MIME[format], content, pages: files.length };
    }
    const pages = packages.flatMap((packed) =>
      doc === 'slip'
        ? slipPages(order, items, catalog, packed, page ?? (format === 'zpl' ? '4x6' : 'a4'))
        : customsPages(order, packed, packedLinesOf(items, catalog, packed.units), format, page),
    );
    const content =
      format === 'pdf'
        ? await renderPagesPdf(pages, `${doc === 'slip' ? 'Packing slip' : 'Customs declaration'} ${order.orderId}`)
        : new TextEncoder().encode(renderPagesZpl(pages, dpi ?? settings.get().labelDpi));
    return { fileName, mime: MIME[format], content, pages: pages.length };
  }

  /**
   * One package's packing slip or customs form, for its printer: the pages as drawn and their
   * bytes (PDF, or ZPL for the label printer). Throws the same coded errors as documentFor
   * (CUSTOMS_NOT_NEEDED for a domestic parcel, CUSTOMS_INVOICE_REQUIRED for express).
   */
  async function packageDocument(
    orderId: string,
    packageId: number,
    doc: 'slip' | 'customs',
    format: DocumentFormat,
    page: DocumentPage,
    dpi: PrinterDpi,
  ): Promise<{ title: string; fileName: string; pages: LabelModel[]; content: Uint8Array }> {
    const order = store.orders.get(orderId);
    if (!order) throw new DomainError('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
    const items = store.orders.items(order.orderId);
    const catalog = new Map<string, CatalogItem | null>();
    for (const item of items) if (!catalog.has(item.sku)) catalog.set(item.sku, store.catalog.get(item.sku));
    const packed = packedPackages(order, items, catalog).find((entry) => entry.pkg.id === packageId);
    if (!packed) throw new DomainError('ORDER_NOT_PACKED', `Order ${order.orderId} has no labelled package ${packageId}.`, { orderId: order.orderId });
    if (doc === 'customs' && !isInternational(settings.get().shipFrom.countryCode, order.recipient.countryCode)) {
      throw new DomainError('CUSTOMS_NOT_NEEDED', `Order ${order.orderId} stays in ${order.recipient.countryCode}: a domestic parcel has no customs declaration.`, {
        orderId: order.orderId,
      });
    }
    const pages =
      doc === 'slip'
        ? slipPages(order, items, catalog, packed, page)
        : customsPages(order, packed, packedLinesOf(items, catalog, packed.units), format, format === 'zpl' ? '4x6' : page);
    const title = `${doc === 'slip' ? 'Packing slip' : 'Customs declaration'} ${order.orderId}`;
    const content = format === 'pdf' ? await renderPagesPdf(pages, title) : new TextEncoder().encode(renderPagesZpl(pages, dpi));
    return { title, fileName: `${order.orderId}-${packed.pkg.trackingNumber ?? packed.pkg.seq}-${doc}.${format}`, pages, content };
  }

  /**
   * The last package's label and packing slip as models, for the on-screen preview: the same
   * models the ZPL and PDF are drawn from.
   */
  function previewModels(orderId: string): { label: LabelModel; slip: LabelModel } {
    const order = store.orders.get(orderId.trim());
    if (!order) throw new DomainError('ORDER_NOT_FOUND', `Order ${orderId} is not in this station's database.`, { orderId });
    const items = store.orders.items(order.orderId);
    const catalog = new Map<string, CatalogItem | null>();
    for (const item of items) if (!catalog.has(item.sku)) catalog.set(item.sku, store.catalog.get(item.sku));
    const packed = packedPackages(order, items, catalog).at(-1);
    if (!packed) throw new DomainError('ORDER_NOT_PACKED', `Order ${order.orderId} has no labelled package yet.`, { orderId: order.orderId });
    const [slip] = slipPages(order, items, catalog, packed, '4x6');
    if (!slip) throw new Error('a packing slip without a page');
    return { label: labelModel(order, packed, packedLinesOf(items, catalog, packed.units)), slip };
  }

  return { packagesForManifest, closeOut, isLockedByManifest, assertNotLocked, manifestDocument, documentFor, packageDocument, previewModels };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export type ManifestService = ReturnType<typeof createManifestService>;
