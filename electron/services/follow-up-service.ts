import type { Store } from '../db/store';

/** Why a parcel needs someone: the carrier never scanned it, its delivery failed, or it is going back. */
export type FollowUpKind = 'no-first-scan' | 'exception' | 'returned';

export type FollowUpRow = {
  kind: FollowUpKind;
  orderId: string;
  packageId: number;
  trackingNumber: string | null;
  serviceId: string | null;
  /** When the confirmation reached Amazon (no-first-scan), or when the exception or return was first seen. */
  since: string;
  /** Hours since then, at the time of the list. */
  hours: number;
};

// Parcels confirmed within this many days are followed; older ones are the carrier's history.
const FOLLOW_DAYS = 60;

/**
 * The parcels to follow up, worst first: confirmed but not scanned by the carrier after
 * `noScanAfterHours` (Amazon will count their tracking as invalid), delivery exceptions, and
 * returns to sender. What each needs next is the screen's text for its kind.
 */
export function createFollowUpService(deps: { store: Store; clock: () => Date }) {
  const { store } = deps;
  const rows = store.db.prepare<{ since: string; scanBy: string }, { kind: FollowUpKind; order_id: string; package_id: number; tracking_number: string | null; service_id: string | null; since: string }>(
    `SELECT 'no-first-scan' AS kind, order_id, package_id, tracking_number, service_id, confirmed_at AS since
       FROM package_tracking
      WHERE confirmed_at >= @since AND confirmed_at < @scanBy AND voided = 0 AND first_scan_at IS NULL AND delivered_at IS NULL
     UNION ALL
     SELECT CASE WHEN returned_at IS NOT NULL THEN 'returned' ELSE 'exception' END, order_id, package_id, tracking_number, service_id,
            coalesce(returned_at, exception_at)
       FROM package_tracking
      WHERE confirmed_at >= @since AND voided = 0 AND delivered_at IS NULL AND (exception_at IS NOT NULL OR returned_at IS NOT NULL)`,
  );

  function list(noScanAfterHours: number): FollowUpRow[] {
    const now = deps.clock().getTime();
    const found = rows.all({ since: new Date(now - FOLLOW_DAYS * 24 * 3600_000).toISOString(), scanBy: new Date(now - noScanAfterHours * 3600_000).toISOString() });
    const order: Record<FollowUpKind, number> = { exception: 0, returned: 1, 'no-first-scan': 2 };
    return found
      .map((row) => ({
        kind: row.kind,
        orderId: row.order_id,
        packageId: row.package_id,
        trackingNumber: row.tracking_number,
        serviceId: row.service_id,
        since: row.since,
        hours: Math.max(0, Math.round(((now - Date.parse(row.since)) / 3_600_000) * 10) / 10),
      }))
      .sort((a, b) => order[a.kind] - order[b.kind] || a.since.localeCompare(b.since));
  }

  return { list };
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
