import type { Db } from '../open';

export type ManifestRecord = {
  id: number;
  carrierId: string;
  serviceId: string | null;
  day: string;
  closedAt: string;
  closedBy: string;
  packageCount: number;
  totalWeightG: number;
};

export type ManifestDocuments = { pdf: Buffer; csv: string };

/** A labelled package as a manifest lists it. */
export type ManifestCandidate = {
  packageId: number;
  orderId: string;
  seq: number;
  trackingNumber: string;
  serviceId: string;
  serviceName: string;
  weightG: number;
  labelledAt: string;
};

type ManifestRow = {
  id: number;
  carrier_id: string;
  service_id: string | null;
  day: string;
  closed_at: string;
  closed_by: string;
  package_count: number;
  total_weight_g: number;
};

type CandidateRow = {
  id: number;
  order_id: string;
  seq: number;
  tracking_number: string;
  service_id: string;
  service_name: string;
  weight_g: number | null;
  labelled_at: string;
};

const MANIFEST_COLUMNS = 'id, carrier_id, service_id, day, closed_at, closed_by, package_count, total_weight_g';

function toManifest(row: ManifestRow): ManifestRecord {
  return {
    id: row.id,
    carrierId: row.carrier_id,
    serviceId: row.service_id,
    day: row.day,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    packageCount: row.package_count,
    totalWeightG: row.total_weight_g,
  };
}

function toCandidate(row: CandidateRow): ManifestCandidate {
  return {
    packageId: row.id,
    orderId: row.order_id,
    seq: row.seq,
    trackingNumber: row.tracking_number,
    serviceId: row.service_id,
    serviceName: row.service_name,
    weightG: row.weight_g ?? 0,
    labelledAt: row.labelled_at,
  };
}

/** End-of-day manifests and which packages each one locked. */
export function createManifestsRepo(db: Db) {
  // Labelled or printed, not void and not being pulled for a cancelled order, not yet handed
  // over, labelled within [from, to) — the local day as UTC instants, worked out by the caller.
  const candidates = db.prepare<{ carrierId: string; serviceId: string | null; from: string; to: string }, CandidateRow>(
    `SELECT p.id, p.order_id, p.seq, p.tracking_number, p.service_id, s.name_en AS service_name, p.weight_g, p.labelled_at
     FROM packages p JOIN services s ON s.id = p.service_id
     WHERE p.manifest_id IS NULL AND p.tracking_number IS NOT NULL
       AND p.labelled_at >= @from AND p.labelled_at < @to
       AND p.status IN ('labelled', 'printed') AND p.void_requested = 0
       AND s.carrier_id = @carrierId AND (@serviceId IS NULL OR p.service_id = @serviceId)
     ORDER BY p.labelled_at, p.id`,
  );
  const onManifest = db.prepare<[number], CandidateRow>(
    `SELECT p.id, p.order_id, p.seq, p.tracking_number, p.service_id, s.name_en AS service_name, p.weight_g, p.labelled_at
     FROM packages p JOIN services s ON s.id = p.service_id
     WHERE p.manifest_id = ? ORDER BY p.labelled_at, p.id`,
  );
  const insert = db.prepare(
    `INSERT INTO manifests (carrier_id, service_id, day, closed_at, closed_by, package_count, total_weight_g, pdf, csv)
     VALUES (@carrierId, @serviceId, @day, @closedAt, @closedBy, @packageCount, @totalWeightG, @pdf, @csv)`,
  );
  // manifest_id IS NULL in the WHERE: a package another close-out took meanwhile is not moved.
  const assign = db.prepare<{ manifestId: number; packageId: number }>(
    'UPDATE packages SET manifest_id = @manifestId WHERE id = @packageId AND manifest_id IS NULL',
  );
  const byId = db.prepare<[number], ManifestRow>(`SELECT ${MANIFEST_COLUMNS} FROM manifests WHERE id = ?`);
  const ofDay = db.prepare<[string, string], ManifestRow>(`SELECT ${MANIFEST_COLUMNS} FROM manifests WHERE carrier_id = ? AND day = ? ORDER BY id`);
  const documents = db.prepare<[number], { pdf: Buffer; csv: string }>('SELECT pdf, csv FROM manifests WHERE id = ?');
  const manifestOf = db.prepare<[number], { manifest_id: number | null }>('SELECT manifest_id FROM packages WHERE id = ?');

  return {
    candidates(carrierId: string, serviceId: string | null, from: string, to: string): ManifestCandidate[] {
      return candidates.all({ carrierId, serviceId, from, to }).map(toCandidate);
    },
    packagesOn(manifestId: number): ManifestCandidate[] {
      return onManifest.all(manifestId).map(toCandidate);
    },
    /** Stores the manifest and locks its packages; false for a package that was already on one. */
    close(
      manifest: Omit<ManifestRecord, 'id'> & ManifestDocuments,
      packageIds: readonly number[],
    ): { id: number; allAssigned: boolean } {
      const id = Number(insert.run({ ...manifest }).lastInsertRowid);
      let assigned = 0;
      for (const packageId of packageIds) assigned += assign.run({ manifestId: id, packageId }).changes;
      return { id, allAssigned: assigned === packageIds.length };
    },
    get(id: number): ManifestRecord | null {
      const row = byId.get(id);
      return row ? toManifest(row) : null;
    },
    ofDay(carrierId: string, day: string): ManifestRecord[] {
      return ofDay.all(carrierId, day).map(toManifest);
    },
    documents(id: number): ManifestDocuments | null {
      return documents.get(id) ?? null;
    },
    /** The manifest a package was handed over on, or null. */
    manifestOf(packageId: number): number | null {
      return manifestOf.get(packageId)?.manifest_id ?? null;
    },
  };
}

export type ManifestsRepo = ReturnType<typeof createManifestsRepo>;
