import type { DocumentPrinter, PrintableDocument } from '../../shared/contract';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import type { PackageRecord, PrintJobRecord } from '../db/repositories/shipments';
import type { ManifestService } from './manifest-service';
import { describeTarget, sendToLabelPrinter, writeToFolder } from './printer';
import type { OsPrinter, PrintOutcome } from './printer';
import type { SettingsService } from './settings-service';

export type DocumentPrintDeps = {
  store: Store;
  settings: Pick<SettingsService, 'get'>;
  manifests: Pick<ManifestService, 'packageDocument'>;
  clock: () => Date;
  osPrinter: OsPrinter;
};

export type DocumentPrintState = PrintJobRecord & { doc: PrintableDocument };

const DOCUMENTS: readonly PrintableDocument[] = ['slip', 'customs'];

// Documents a package does not have: a domestic parcel has no customs form, and an express
// parcel's customs papers are the carrier's commercial invoice, not a CN22/CN23.
const NOT_FOR_THIS_PACKAGE = new Set(['CUSTOMS_NOT_NEEDED', 'CUSTOMS_INVOICE_REQUIRED']);

/**
 * Packing slips and customs forms on their own printer profiles (settings.documentPrinters).
 * Like a label, each print is a stored document and a stored job before a byte is sent: a
 * failed slip keeps its error and its retry, and printing again sends the same stored bytes.
 */
export function createDocumentPrintService(deps: DocumentPrintDeps) {
  const { store, settings, manifests, clock, osPrinter } = deps;
  const now = () => clock().toISOString();

  function profileOf(doc: PrintableDocument): DocumentPrinter {
    return settings.get().documentPrinters[doc];
  }

  function targetOf(profile: DocumentPrinter): string {
    switch (profile.mode) {
      case 'label-printer':
        return describeTarget(settings.get().printer);
      case 'os':
        return `os:${profile.osPrinter === '' ? '(default)' : profile.osPrinter}`;
      case 'folder':
        return `folder:${profile.folder}`;
      case 'off':
        return 'off';
    }
  }

  /** The latest job of each document of the package, slip first. */
  function statesOf(packageId: number): DocumentPrintState[] {
    const out: DocumentPrintState[] = [];
    for (const doc of DOCUMENTS) {
      const job = store.shipments.latestPrintJob(packageId, doc);
      if (job) out.push({ ...job, doc });
    }
    return out;
  }

  async function send(profile: DocumentPrinter, content: Uint8Array, fileName: string, title: string, pages: Parameters<OsPrinter>[0]['pages']): Promise<PrintOutcome> {
    switch (profile.mode) {
      case 'label-printer':
        return sendToLabelPrinter(settings.get().printer, content, fileName, title);
      case 'os':
        return osPrinter({ title, printer: profile.osPrinter, pdf: content, pages });
      case 'folder':
        return writeToFolder(profile.folder, fileName, content);
      case 'off':
        return { ok: false, error: 'DOCUMENT_PRINTER_OFF: no printer is set for this document.' };
    }
  }

  /**
   * Makes the document, stores it and its job, then sends it. Returns null when the package has
   * no such document (a domestic parcel's customs form), which is not an error after a label.
   */
  async function print(orderId: string, pkg: PackageRecord, doc: PrintableDocument, isReprint: boolean): Promise<DocumentPrintState | null> {
    const profile = profileOf(doc);
    if (profile.mode === 'off') {
      throw new DomainError('DOCUMENT_PRINTER_OFF', `No printer is set for the ${doc === 'slip' ? 'packing slip' : 'customs form'}: choose one in Settings → Printer, or download it.`, { doc });
    }
    const current = settings.get();
    const format = profile.mode === 'label-printer' ? 'zpl' : 'pdf';
    // A document already made for this package is printed again as it was; the first print makes it.
    const stored = store.shipments.latestLabel(pkg.id, format, doc);
    let made: Awaited<ReturnType<ManifestService['packageDocument']>> | null = null;
    if (!stored || profile.mode === 'os') {
      // The OS printer also needs the pages as drawn; they are made again from the same data.
      made = await manifests.packageDocument(orderId, pkg.id, doc, format, profile.mode === 'label-printer' ? '4x6' : profile.page, current.labelDpi);
    }
    const content = stored ? new Uint8Array(stored.content) : (made?.content ?? new Uint8Array(0));
    const at = now();
    const jobId = store.transaction(() => {
      const labelId = stored ? stored.id : store.shipments.addLabel(pkg.id, format, format === 'zpl' ? current.labelDpi : null, content, at, doc);
      return store.shipments.addPrintJob(labelId, targetOf(profile), isReprint, at);
    });
    const fileName = made?.fileName ?? `${orderId}-${pkg.trackingNumber ?? pkg.seq}-${doc}.${format}`;
    const title = made?.title ?? `${doc === 'slip' ? 'Packing slip' : 'Customs declaration'} ${orderId}`;
    const outcome = await send(profile, content, fileName, title, made?.pages ?? []);
    store.transaction(() => store.shipments.finishPrintJob(jobId, outcome.ok ? 'printed' : 'failed', outcome.ok ? null : outcome.error, now()));
    const job = store.shipments.latestPrintJob(pkg.id, doc);
    return job ? { ...job, doc } : null;
  }

  /**
   * After a package's label has printed: each document whose profile prints after the label,
   * where the package has one. A failure stays on the job (shown with a retry) and never
   * undoes the label.
   */
  async function afterLabel(orderId: string, pkg: PackageRecord): Promise<void> {
    for (const doc of DOCUMENTS) {
      const profile = profileOf(doc);
      if (profile.mode === 'off' || !profile.afterLabel) continue;
      if (store.shipments.latestPrintJob(pkg.id, doc)?.state === 'printed') continue;
      try {
        await print(orderId, pkg, doc, false);
      } catch (error) {
        if (error instanceof DomainError && NOT_FOR_THIS_PACKAGE.has(error.code)) continue;
        throw error;
      }
    }
  }

  /** Prints the document on request (the pack screen's button): a reprint when it printed before. */
  async function printOnRequest(orderId: string, pkg: PackageRecord, doc: PrintableDocument): Promise<DocumentPrintState | null> {
    const before = store.shipments.latestPrintJob(pkg.id, doc);
    return print(orderId, pkg, doc, before?.state === 'printed');
  }

  return { statesOf, afterLabel, printOnRequest };
}

export type DocumentPrintService = ReturnType<typeof createDocumentPrintService>;
