import type { Db } from '../open';

export type OutboxState = 'pending' | 'sending' | 'retry-wait' | 'done' | 'needs-attention' | 'cancelled';
export type OutboxSentVia = 'api' | 'feed' | 'file' | 'label-purchase';

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
  errorCode: string | null;
  sentVia: OutboxSentVia | null;
  sentAt: string | null;
  feedRef: number | null;
  exportRef: number | null;
  createdAt: string;
};

/** What a state change writes; the state it leaves is checked, so two workers cannot both move a job. */
export type OutboxChange = {
  state: OutboxState;
  attempts: number;
  nextTryAt: string | null;
  lastError: string | null;
  errorCode: string | null;
  sentVia?: OutboxSentVia | null;
  sentAt?: string | null;
  feedRef?: number | null;
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
  error_code: string | null;
  sent_via: OutboxSentVia | null;
  sent_at: string | null;
  feed_ref: number | null;
  export_ref: number | null;
  created_at: string;
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
    errorCode: row.error_code,
    sentVia: row.sent_via,
    sentAt: row.sent_at,
    feedRef: row.feed_ref,
    exportRef: row.export_ref,
    createdAt: row.created_at,
  };
}

/** Work that needs the network, drained by the sync worker most urgent (confirm-by) first. */
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
  const dueAt = db.prepare<{ now: string; kind: string; limit: number }, Row>(
    `SELECT * FROM outbox WHERE kind = @kind AND state IN ('pending', 'retry-wait') AND (next_try_at IS NULL OR next_try_at <= @now)
     ORDER BY confirm_by IS NULL, confirm_by, id LIMIT @limit`,
  );
  const byId = db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?');
  const ofOrder = db.prepare<[string], Row>('SELECT * FROM outbox WHERE order_id = ? ORDER BY id');
  const inState = db.prepare<{ state: string; kind: string }, Row>('SELECT * FROM outbox WHERE kind = @kind AND state = @state ORDER BY confirm_by IS NULL, confirm_by, id');
  const unsent = db.prepare<{ kind: string }, Row>(
    `SELECT * FROM outbox WHERE kind = @kind AND state IN ('pending', 'sending', 'retry-wait', 'needs-attention')
     ORDER BY confirm_by IS NULL, confirm_by, id`,
  );
  const ofFeed = db.prepare<[number], Row>('SELECT * FROM outbox WHERE feed_ref = ? ORDER BY id');
  const change = db.prepare(
    `UPDATE outbox SET state = @state, attempts = @attempts, next_try_at = @nextTryAt, last_error = @lastError, error_code = @errorCode,
       sent_via = coalesce(@sentVia, sent_via), sent_at = coalesce(@sentAt, sent_at), feed_ref = CASE WHEN @setFeed = 1 THEN @feedRef ELSE feed_ref END,
       updated_at = @now
     WHERE id = @id AND state = @from`,
  );
  const dueAgain = db.prepare(
    `UPDATE outbox SET next_try_at = NULL, updated_at = @now WHERE kind = @kind AND state = 'retry-wait' AND error_code = @errorCode`,
  );
  const setPayload = db.prepare('UPDATE outbox SET payload = @payload, updated_at = @now WHERE id = @id');
  const setExport = db.prepare('UPDATE outbox SET export_ref = @exportRef, updated_at = @now WHERE id = @id');
  // A confirmation that has not gone out yet is withdrawn; one already sent stays as history.
  const cancelPackage = db.prepare(
    `UPDATE outbox SET state = 'cancelled', last_error = @reason, updated_at = @now
     WHERE package_id = @packageId AND state IN ('pending', 'retry-wait', 'needs-attention')`,
  );
  return {
    enqueue(job: { kind: string; orderId: string; packageId: number | null; payload: unknown; confirmBy: string | null }, now: string): number {
      return Number(insert.run({ ...job, payload: JSON.stringify(job.payload), now }).lastInsertRowid);
    },
    get(id: number): OutboxJob | null {
      const row = byId.get(id);
      return row ? toJob(row) : null;
    },
    dueByDeadline(limit: number): OutboxJob[] {
      return due.all(limit).map(toJob);
    },
    /** Jobs of a kind whose time has come, most urgent first. */
    dueAt(kind: string, now: string, limit: number): OutboxJob[] {
      return dueAt.all({ kind, now, limit }).map(toJob);
    },
    inState(kind: string, state: OutboxState): OutboxJob[] {
      return inState.all({ kind, state }).map(toJob);
    },
    /** Everything of a kind that has not reached the marketplace, most urgent first. */
    unsent(kind: string): OutboxJob[] {
      return unsent.all({ kind }).map(toJob);
    },
    ofFeed(feedRef: number): OutboxJob[] {
      return ofFeed.all(feedRef).map(toJob);
    },
    forOrder(orderId: string): OutboxJob[] {
      return ofOrder.all(orderId).map(toJob);
    },
    /** Moves a job out of `from`; false when it was no longer there (another worker, a cancellation). */
    move(id: number, from: OutboxState, next: OutboxChange, now: string): boolean {
      const setFeed = next.feedRef !== undefined ? 1 : 0;
      return (
        change.run({ id, from, now, state: next.state, attempts: next.attempts, nextTryAt: next.nextTryAt, lastError: next.lastError, errorCode: next.errorCode, sentVia: next.sentVia ?? null, sentAt: next.sentAt ?? null, setFeed, feedRef: next.feedRef ?? null })
          .changes === 1
      );
    },
    /** Waiting jobs held back for a reason that has passed (the network is back): due at once. */
    makeDue(kind: string, errorCode: string, now: string): number {
      return dueAgain.run({ kind, errorCode, now }).changes;
    },
    setPayload(id: number, payload: unknown, now: string): void {
      setPayload.run({ id, payload: JSON.stringify(payload), now });
    },
    setExport(id: number, exportRef: number, now: string): void {
      setExport.run({ id, exportRef, now });
    },
    cancelForPackage(packageId: number, reason: string, now: string): number {
      return cancelPackage.run({ packageId, reason, now }).changes;
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
