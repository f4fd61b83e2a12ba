import type { Db } from '../open';

export type FeedState = 'new' | 'uploaded' | 'submitting' | 'submitted' | 'done' | 'failed';

export type FeedRecord = {
  id: number;
  feedType: string;
  state: FeedState;
  content: string;
  records: Array<{ recordNumber: number; jobId: number }>;
  feedDocumentId: string | null;
  feedId: string | null;
  processingStatus: string | null;
  report: string | null;
  lastError: string | null;
  createdAt: string;
  submittedAt: string | null;
};

type FeedRow = {
  id: number;
  feed_type: string;
  state: FeedState;
  content: string;
  records: string;
  feed_document_id: string | null;
  feed_id: string | null;
  processing_status: string | null;
  report: string | null;
  last_error: string | null;
  created_at: string;
  submitted_at: string | null;
};

function toFeed(row: FeedRow): FeedRecord {
  return {
    id: row.id,
    feedType: row.feed_type,
    state: row.state,
    content: row.content,
    records: JSON.parse(row.records) as FeedRecord['records'],
    feedDocumentId: row.feed_document_id,
    feedId: row.feed_id,
    processingStatus: row.processing_status,
    report: row.report,
    lastError: row.last_error,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
  };
}

export type ManualExportRecord = { id: number; at: string; operator: string; content: string; jobCount: number; uploadedAt: string | null; uploadedBy: string | null };

type ExportRow = { id: number; at: string; operator: string; content: string; job_count: number; uploaded_at: string | null; uploaded_by: string | null };

/** Feeds, hand-uploaded files and the worker's own small facts (the pull checkpoint). */
export function createSyncRepo(db: Db) {
  const insertFeed = db.prepare(
    `INSERT INTO feeds (feed_type, state, content, records, created_at, updated_at) VALUES (@feedType, 'new', @content, @records, @now, @now)`,
  );
  const feedById = db.prepare<[number], FeedRow>('SELECT * FROM feeds WHERE id = ?');
  const openFeeds = db.prepare<[], FeedRow>(`SELECT * FROM feeds WHERE state NOT IN ('done', 'failed') ORDER BY id`);
  const byFeedId = db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE feed_id = ?');
  const updateFeed = db.prepare(
    `UPDATE feeds SET state = @state, feed_document_id = coalesce(@feedDocumentId, feed_document_id), feed_id = coalesce(@feedId, feed_id),
       processing_status = coalesce(@processingStatus, processing_status), report = coalesce(@report, report), last_error = @lastError,
       submitted_at = coalesce(@submittedAt, submitted_at), updated_at = @now
     WHERE id = @id`,
  );
  const getState = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const putState = db.prepare(
    `INSERT INTO sync_state (key, value, updated_at) VALUES (@key, @value, @now)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const insertExport = db.prepare('INSERT INTO manual_exports (at, operator, content, job_count) VALUES (@at, @operator, @content, @jobCount)');
  const exportById = db.prepare<[number], ExportRow>('SELECT * FROM manual_exports WHERE id = ?');
  const markExport = db.prepare('UPDATE manual_exports SET uploaded_at = @at, uploaded_by = @by WHERE id = @id AND uploaded_at IS NULL');

  return {
    addFeed(feed: { feedType: string; content: string; records: FeedRecord['records'] }, now: string): number {
      return Number(insertFeed.run({ ...feed, records: JSON.stringify(feed.records), now }).lastInsertRowid);
    },
    feed(id: number): FeedRecord | null {
      const row = feedById.get(id);
      return row ? toFeed(row) : null;
    },
    /** The station's feed with Amazon's id, in whatever state. */
    feedByAmazonId(feedId: string): FeedRecord | null {
      const row = byFeedId.get(feedId);
      return row ? toFeed(row) : null;
    },
    openFeeds(): FeedRecord[] {
      return openFeeds.all().map(toFeed);
    },
    updateFeed(
      id: number,
      change: { state: FeedState; feedDocumentId?: string; feedId?: string; processingStatus?: string; report?: string; lastError?: string | null; submittedAt?: string },
      now: string,
    ): void {
      updateFeed.run({
        id,
        state: change.state,
        feedDocumentId: change.feedDocumentId ?? null,
        feedId: change.feedId ?? null,
        processingStatus: change.processingStatus ?? null,
        report: change.report ?? null,
        lastError: change.lastError ?? null,
        submittedAt: change.submittedAt ?? null,
        now,
      });
    },
    state<T>(key: string): T | null {
      const row = getState.get(key);
      return row ? (JSON.parse(row.value) as T) : null;
    },
    setState(key: string, value: unknown, now: string): void {
      putState.run({ key, value: JSON.stringify(value), now });
    },
    addExport(entry: { at: string; operator: string; content: string; jobCount: number }): number {
      return Number(insertExport.run(entry).lastInsertRowid);
    },
    export(id: number): ManualExportRecord | null {
      const row = exportById.get(id);
      return row
        ? { id: row.id, at: row.at, operator: row.operator, content: row.content, jobCount: row.job_count, uploadedAt: row.uploaded_at, uploadedBy: row.uploaded_by }
        : null;
    },
    markExportUploaded(id: number, by: string, at: string): boolean {
      return markExport.run({ id, by, at }).changes === 1;
    },
  };
}

export type SyncRepo = ReturnType<typeof createSyncRepo>;
