// How close a confirmation is to its confirm-by time (the order's LatestShipDate): Amazon counts
// a shipment late by when the confirmation *arrives* (README §6), so the bench warns ahead.
// One rule for the station's Amazon panel (at risk) and the queue's alert (late within the hour).

export type DeadlineStanding = 'no-deadline' | 'late' | 'within' | 'later';

/**
 * 'late' once the deadline has passed (a confirmation arriving now is late), 'within' when it
 * passes within `windowMs`, 'later' otherwise; an order without a deadline can never turn late.
 * On the deadline itself it is still in time: late means after it.
 */
export function deadlineStanding(confirmBy: string | null, now: number, windowMs: number): DeadlineStanding {
  if (confirmBy === null) return 'no-deadline';
  const deadline = Date.parse(confirmBy);
  if (Number.isNaN(deadline)) return 'no-deadline';
  if (deadline < now) return 'late';
  return deadline - now <= windowMs ? 'within' : 'later';
}
