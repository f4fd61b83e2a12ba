import type { Db } from '../open';
import type { PackageStatus } from '../../../shared/contract';

export type PackageRecord = {
  id: number;
  orderId: string;
  seq: number;
  status: PackageStatus;
  boxId: string | null;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  weightG: number | null;
  serviceId: string | null;
  trackingNumber: string | null;
  packageReferenceId: string | null;
  labelledAt: string | null;
  voidRequested: boolean;
  suggestedBoxId: string | null;
  suggestionTaken: boolean | null;
  weightSource: 'typed' | 'scale' | null;
  weightOverrideReason: string | null;
  weightOverrideBy: string | null;
  insured: boolean;
};

/** What a stored print document is: the shipping label, or a packing slip or customs form. */
export type StoredDocument = 'label' | 'slip' | 'customs';

export type LabelRecord = { id: number; packageId: number; document: StoredDocument; format: 'zpl' | 'pdf'; dpi: number | null; content: Buffer; createdAt: string };

export type PrintJobRecord = {
  id: number;
  labelId: number;
  target: string;
  state: 'pending' | 'printed' | 'failed';
  attempts: number;
  lastError: string | null;
  isReprint: boolean;
};

type PackageRow = {
  id: number;
  order_id: string;
  seq: number;
  status: PackageStatus;
  box_id: string | null;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  weight_g: number | null;
  service_id: string | null;
  tracking_number: string | null;
  package_reference_id: string | null;
  labelled_at: string | null;
  void_requested: number;
  suggested_box_id: string | null;
  suggestion_taken: number | null;
  weight_source: 'typed' | 'scale' | null;
  weight_override_reason: string | null;
  weight_override_by: string | null;
  insured: number;
};

type LabelRow = { id: number; package_id: number; document: StoredDocument; format: 'zpl' | 'pdf'; dpi: number | null; content: Buffer; created_at: string };
type PrintJobRow = {
  id: number;
  label_id: number;
  target: string;
  state: 'pending' | 'printed' | 'failed';
  attempts: number;
  last_error: string | null;
  is_reprint: number;
};

function toPackage(row: PackageRow): PackageRecord {
  return {
    id: row.id,
    orderId: row.order_id,
    seq: row.seq,
    status: row.status,
    boxId: row.box_id,
    lengthMm: row.length_mm,
    widthMm: row.width_mm,
    heightMm: row.height_mm,
    weightG: row.weight_g,
    serviceId: row.service_id,
    trackingNumber: row.tracking_number,
    packageReferenceId: row.package_reference_id,
    labelledAt: row.labelled_at,
    voidRequested: row.void_requested === 1,
    suggestedBoxId: row.suggested_box_id,
    suggestionTaken: row.suggestion_taken === null ? null : row.suggestion_taken === 1,
    weightSource: row.weight_source,
    weightOverrideReason: row.weight_override_reason,
    weightOverrideBy: row.weight_override_by,
    insured: row.insured === 1,
  };
}

function toPrintJob(row: PrintJobRow): PrintJobRecord {
  return {
    id: row.id,
    labelId: row.label_id,
    target: row.target,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    isReprint: row.is_reprint === 1,
  };
}

function toLabel(row: LabelRow): LabelRecord {
  return { id: row.id, packageId: row.package_id, document: row.document, format: row.format, dpi: row.dpi, content: row.content, createdAt: row.created_at };
}

/** Packages, their scanned contents, their label documents and the print jobs that carry them. */
export function createShipmentsRepo(db: Db) {
  const byId = db.prepare<[number], PackageRow>('SELECT * FROM packages WHERE id = ?');
  const byTracking = db.prepare<[string], PackageRow>('SELECT * FROM packages WHERE tracking_number = ?');
  const nextSeq = db.prepare<[string], { n: number }>('SELECT coalesce(max(seq), 0) + 1 AS n FROM packages WHERE order_id = ?');
  const insertPackage = db.prepare(
    `INSERT INTO packages (order_id, seq, status, created_at, updated_at)
     VALUES (@orderId, @seq, 'open', @now, @now)`,
  );
  const updatePackage = db.prepare(
    `UPDATE packages SET status = @status, box_id = @boxId, length_mm = @lengthMm, width_mm = @widthMm,
       height_mm = @heightMm, weight_g = @weightG, service_id = @serviceId, tracking_number = @trackingNumber,
       package_reference_id = @packageReferenceId, labelled_at = @labelledAt, suggested_box_id = @suggestedBoxId,
       suggestion_taken = @suggestionTaken, weight_source = @weightSource, weight_override_reason = @weightOverrideReason,
       weight_override_by = @weightOverrideBy, insured = @insured, updated_at = @now
     WHERE id = @id`,
  );
  const ofOrder = db.prepare<[string], PackageRow>('SELECT * FROM packages WHERE order_id = ? ORDER BY seq');
  const bySeq = db.prepare<[string, number], PackageRow>('SELECT * FROM packages WHERE order_id = ? AND seq = ?');
  const requestVoidStmt = db.prepare(
    `UPDATE packages SET void_requested = 1, updated_at = @now
     WHERE order_id = @orderId AND tracking_number IS NOT NULL AND status <> 'void'
       -- A parcel on a closed manifest has left with the carrier: there is nothing to pull.
       AND manifest_id IS NULL`,
  );
  const pullList = db.prepare<[], PackageRow>(
    "SELECT * FROM packages WHERE void_requested = 1 AND status <> 'void' ORDER BY order_id, seq",
  );
  const serialOwner = db.prepare<[string, string], { order_id: string }>('SELECT order_id FROM unit_serials WHERE sku = ? AND serial = ?');
  const insertSerial = db.prepare(
    'INSERT INTO unit_serials (sku, serial, order_id, package_id, at) VALUES (@sku, @serial, @orderId, @packageId, @at)',
  );
  const releaseSerials = db.prepare('DELETE FROM unit_serials WHERE package_id = ?');
  // The samples from which catalogue weight corrections are suggested: recent labelled packages
  // with what was in them. Overridden weights count too (a wrong catalogue weight is exactly
  // what makes packers override); the median over many samples keeps a single slip out.
  const weighedContents = db.prepare<[number], { id: number; weight_g: number; tare_g: number | null; sku: string; quantity: number }>(
    `SELECT p.id, p.weight_g, b.tare_g, i.sku, sum(json_extract(e.detail, '$.quantity')) AS quantity
     FROM (SELECT * FROM packages
           WHERE tracking_number IS NOT NULL AND status <> 'void' AND weight_g IS NOT NULL
           ORDER BY id DESC LIMIT ?) p
     LEFT JOIN boxes b ON b.id = p.box_id
     JOIN pack_events e ON e.package_id = p.id AND e.kind = 'unit'
     JOIN order_items i ON i.order_item_id = json_extract(e.detail, '$.orderItemId')
     GROUP BY p.id, i.sku`,
  );
  const insertLabel = db.prepare(
    'INSERT INTO labels (package_id, document, format, dpi, content, created_at) VALUES (@packageId, @document, @format, @dpi, @content, @now)',
  );
  const latestLabel = db.prepare<[number, string, string], LabelRow>(
    'SELECT * FROM labels WHERE package_id = ? AND document = ? AND format = ? ORDER BY id DESC LIMIT 1',
  );
  const labelById = db.prepare<[number], LabelRow>('SELECT * FROM labels WHERE id = ?');
  const insertJob = db.prepare(
    `INSERT INTO print_jobs (label_id, target, state, is_reprint, created_at, updated_at)
     VALUES (@labelId, @target, 'pending', @isReprint, @now, @now)`,
  );
  const latestJobOfPackage = db.prepare<[number, string], PrintJobRow>(
    `SELECT j.* FROM print_jobs j JOIN labels l ON l.id = j.label_id WHERE l.package_id = ? AND l.document = ? ORDER BY j.id DESC LIMIT 1`,
  );
  const finishJob = db.prepare(
    `UPDATE print_jobs SET state = @state, attempts = attempts + 1, last_error = @error, updated_at = @now WHERE id = @id`,
  );

  return {
    get(id: number): PackageRecord | null {
      const row = byId.get(id);
      return row ? toPackage(row) : null;
    },
    findByTracking(trackingNumber: string): PackageRecord | null {
      const row = byTracking.get(trackingNumber);
      return row ? toPackage(row) : null;
    },
    createPackage(orderId: string, now: string): PackageRecord {
      const seq = nextSeq.get(orderId)?.n ?? 1;
      const id = Number(insertPackage.run({ orderId, seq, now }).lastInsertRowid);
      const created = byId.get(id);
      if (!created) throw new Error('package vanished after insert');
      return toPackage(created);
    },
    savePackage(pkg: PackageRecord, now: string): void {
      updatePackage.run({
        ...pkg,
        suggestionTaken: pkg.suggestionTaken === null ? null : pkg.suggestionTaken ? 1 : 0,
        insured: pkg.insured ? 1 : 0,
        now,
      });
    },
    packagesOf(orderId: string): PackageRecord[] {
      return ofOrder.all(orderId).map(toPackage);
    },
    bySeq(orderId: string, seq: number): PackageRecord | null {
      const row = bySeq.get(orderId, seq);
      return row ? toPackage(row) : null;
    },
    /** Marks every labelled, not yet void package of the order to be pulled from the outgoing pile. */
    requestVoid(orderId: string, now: string): number {
      return requestVoidStmt.run({ orderId, now }).changes;
    },
    toPull(): PackageRecord[] {
      return pullList.all().map(toPackage);
    },
    /** The order that already holds this serial of this SKU, if any. */
    serialHolder(sku: string, serial: string): string | null {
      return serialOwner.get(sku, serial)?.order_id ?? null;
    },
    recordSerial(entry: { sku: string; serial: string; orderId: string; packageId: number; at: string }): void {
      insertSerial.run(entry);
    },
    weighedSingleSkuPackages(limit = 5000): Array<{ measuredG: number; boxTareG: number | null; lines: Array<{ sku: string; quantity: number }> }> {
      const byPackage = new Map<number, { measuredG: number; boxTareG: number | null; lines: Array<{ sku: string; quantity: number }> }>();
      for (const row of weighedContents.all(limit)) {
        const entry = byPackage.get(row.id) ?? { measuredG: row.weight_g, boxTareG: row.tare_g, lines: [] };
        entry.lines.push({ sku: row.sku, quantity: row.quantity });
        byPackage.set(row.id, entry);
      }
      return [...byPackage.values()];
    },
    /** A voided package's units are unpacked: their serials may be packed again. */
    releaseSerialsOf(packageId: number): void {
      releaseSerials.run(packageId);
    },
    addLabel(packageId: number, format: 'zpl' | 'pdf', dpi: number | null, content: Uint8Array, now: string, document: StoredDocument = 'label'): number {
      return Number(insertLabel.run({ packageId, document, format, dpi, content: Buffer.from(content), now }).lastInsertRowid);
    },
    latestLabel(packageId: number, format: 'zpl' | 'pdf', document: StoredDocument = 'label'): LabelRecord | null {
      const row = latestLabel.get(packageId, document, format);
      return row ? toLabel(row) : null;
    },
    label(id: number): LabelRecord | null {
      const row = labelById.get(id);
      return row ? toLabel(row) : null;
    },
    addPrintJob(labelId: number, target: string, isReprint: boolean, now: string): number {
      return Number(insertJob.run({ labelId, target, isReprint: isReprint ? 1 : 0, now }).lastInsertRowid);
    },
    /** The package's latest print job of the document (by default its shipping label). */
    latestPrintJob(packageId: number, document: StoredDocument = 'label'): PrintJobRecord | null {
      const row = latestJobOfPackage.get(packageId, document);
      return row ? toPrintJob(row) : null;
    },
    finishPrintJob(id: number, state: 'printed' | 'failed', error: string | null, now: string): void {
      finishJob.run({ id, state, error, now });
    },
  };
}

export type ShipmentsRepo = ReturnType<typeof createShipmentsRepo>;
