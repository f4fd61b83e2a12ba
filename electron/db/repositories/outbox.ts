import type { Db } from '../open';

export type OutboxState = 'pending' | 'sending' | 'retry-wait' | 'done' | 'needs-attention' | 'cancelled';

export type OutboxJob = {
  id: number;
  kind: string;
  orderId: string;
  packageId: number | null;
  payload: unknown;
  state: OutboxState;
  confirmBy: string | null;
  attempts: number;
  nextTryAt: string | null;
  lastError: string | null;
};

type Row = {
  id: number;
  kind: string;
  order_id: string;
  package_id: number | null;
  payload: string;
  state: OutboxState;
  confirm_by: string | null;
  attempts: number;
  next_try_at: string | null;
  last_error: string | null;
};

function toJob(row: Row): OutboxJob {
  return {
    id: row.id,
    kind: row.kind,
    orderId: row.order_id,
    packageId: row.package_id,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state,
    confirmBy: row.confirm_by,
    attempts: row.attempts,
    nextTryAt: row.next_try_at,
    lastError: row.last_error,
  };
}

/** Work that needs the network. The sync worker (a later issue) drains it by confirm-by. */
export function createOutboxRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO outbox (kind, order_id, package_id, payload, state, confirm_by, created_at, updated_at)
     VALUES (@kind, @orderId, @packageId, @payload, 'pending', @confirmBy, @now, @now)`,
  );
  // NULL deadlines last: a job without a confirm-by cannot turn late.
  const due = db.prepare<[number], Row>(
    `SELECT * FROM outbox WHERE state IN ('pending', 'retry-wait')
     ORDER BY confirm_by IS NULL, confirm_by, id LIMIT ?`,
  );
  const ofOrder = db.prepare<[string], Row>('SELECT * FROM outbox WHERE order_id = ? ORDER BY id');
  // A confirmation that has not gone out yet is withdrawn; one already sent stays as history.
  const cancelPackage = db.prepare(
    `UPDATE outbox SET state = 'cancelled', last_error = @reason, updated_at = @now
     WHERE package_id = @packageId AND state IN ('pending', 'retry-wait')`,
  );
  return {
    enqueue(job: { kind: string; orderId: string; packageId: number | null; payload: unknown; confirmBy: string | null }, now: string): number {
      return Number(insert.run({ ...job, payload: JSON.stringify(job.payload), now }).lastInsertRowid);
    },
    dueByDeadline(limit: number): OutboxJob[] {
      return due.all(limit).map(toJob);
    },
    forOrder(orderId: string): OutboxJob[] {
      return ofOrder.all(orderId).map(toJob);
    },
    cancelForPackage(packageId: number, reason: string, now: string): number {
      return cancelPackage.run({ packageId, reason, now }).changes;
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
