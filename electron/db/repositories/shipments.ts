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
};

export type LabelRecord = { id: number; packageId: number; format: 'zpl' | 'pdf'; dpi: number | null; content: Buffer; createdAt: string };

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
};

type LabelRow = { id: number; package_id: number; format: 'zpl' | 'pdf'; dpi: number | null; content: Buffer; created_at: string };
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

/** Packages, their scanned contents, their label documents and the print jobs that carry them. */
export function createShipmentsRepo(db: Db) {
  const currentOfOrder = db.prepare<[string], PackageRow>(
    "SELECT * FROM packages WHERE order_id = ? AND status <> 'void' ORDER BY seq DESC LIMIT 1",
  );
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
       package_reference_id = @packageReferenceId, labelled_at = @labelledAt, updated_at = @now
     WHERE id = @id`,
  );
  const itemCounts = db.prepare<[number], { order_item_id: string; quantity: number }>(
    'SELECT order_item_id, quantity FROM package_items WHERE package_id = ?',
  );
  const addUnit = db.prepare(
    `INSERT INTO package_items (package_id, order_item_id, quantity) VALUES (?, ?, 1)
     ON CONFLICT (package_id, order_item_id) DO UPDATE SET quantity = quantity + 1`,
  );
  const insertLabel = db.prepare(
    'INSERT INTO labels (package_id, format, dpi, content, created_at) VALUES (@packageId, @format, @dpi, @content, @now)',
  );
  const latestLabel = db.prepare<[number, string], LabelRow>(
    'SELECT * FROM labels WHERE package_id = ? AND format = ? ORDER BY id DESC LIMIT 1',
  );
  const insertJob = db.prepare(
    `INSERT INTO print_jobs (label_id, target, state, is_reprint, created_at, updated_at)
     VALUES (@labelId, @target, 'pending', @isReprint, @now, @now)`,
  );
  const jobById = db.prepare<[number], PrintJobRow>('SELECT * FROM print_jobs WHERE id = ?');
  const latestJobOfPackage = db.prepare<[number], PrintJobRow>(
    `SELECT j.* FROM print_jobs j JOIN labels l ON l.id = j.label_id WHERE l.package_id = ? ORDER BY j.id DESC LIMIT 1`,
  );
  const finishJob = db.prepare(
    `UPDATE print_jobs SET state = @state, attempts = attempts + 1, last_error = @error, updated_at = @now WHERE id = @id`,
  );

  return {
    currentPackage(orderId: string): PackageRecord | null {
      const row = currentOfOrder.get(orderId);
      return row ? toPackage(row) : null;
    },
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
      updatePackage.run({ ...pkg, now });
    },
    scannedCounts(packageId: number): Map<string, number> {
      return new Map(itemCounts.all(packageId).map((row) => [row.order_item_id, row.quantity]));
    },
    addScannedUnit(packageId: number, orderItemId: string): void {
      addUnit.run(packageId, orderItemId);
    },
    addLabel(packageId: number, format: 'zpl' | 'pdf', dpi: number | null, content: Uint8Array, now: string): number {
      return Number(insertLabel.run({ packageId, format, dpi, content: Buffer.from(content), now }).lastInsertRowid);
    },
    latestLabel(packageId: number, format: 'zpl' | 'pdf'): LabelRecord | null {
      const row = latestLabel.get(packageId, format);
      return row
        ? { id: row.id, packageId: row.package_id, format: row.format, dpi: row.dpi, content: row.content, createdAt: row.created_at }
        : null;
    },
    addPrintJob(labelId: number, target: string, isReprint: boolean, now: string): number {
      return Number(insertJob.run({ labelId, target, isReprint: isReprint ? 1 : 0, now }).lastInsertRowid);
    },
    printJob(id: number): PrintJobRecord | null {
      const row = jobById.get(id);
      return row ? toPrintJob(row) : null;
    },
    latestPrintJob(packageId: number): PrintJobRecord | null {
      const row = latestJobOfPackage.get(packageId);
      return row ? toPrintJob(row) : null;
    },
    finishPrintJob(id: number, state: 'printed' | 'failed', error: string | null, now: string): void {
      finishJob.run({ id, state, error, now });
    },
  };
}

export type ShipmentsRepo = ReturnType<typeof createShipmentsRepo>;
