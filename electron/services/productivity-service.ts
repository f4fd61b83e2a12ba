import type { Store } from '../db/store';
import { buildShiftReport } from '../../shared/label/documents';
import { shiftProductivity, shiftReportCsv } from '../../shared/productivity/productivity';
import type { ProductivityEvent, ProductivityOverride, ShiftProductivity } from '../../shared/productivity/productivity';
import { DomainError } from '../../shared/result';
import { renderPagesPdf } from './manifest-service';

// The log rows productivity reads: what was packed and labelled, and the mistakes.
const KINDS = ['unit', 'rejected', 'package-labelled', 'opened', 'released', 'box', 'weight', 'print'] as const;

/** The bench's local time, as a person reads it on paper ("2026-11-26 06:00"). */
function localText(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Productivity per packer and the shift report (PDF and CSV), from the pack log and the overrides. */
export function createProductivityService(deps: { store: Store; stationName: () => string; clock: () => Date }) {
  const { store } = deps;
  const eventsStmt = store.db.prepare<{ from: string; to: string }, { at: string; operator: string; order_id: string; kind: string; result: string; quantity: number | null }>(
    `SELECT at, operator, order_id, kind, result, json_extract(detail, '$.quantity') AS quantity
     FROM pack_events WHERE at >= @from AND at < @to AND kind IN (${KINDS.map((kind) => `'${kind}'`).join(', ')})`,
  );
  const overridesStmt = store.db.prepare<{ from: string; to: string }, { at: string; operator: string; reason_code: string; kind: string }>(
    'SELECT at, operator, reason_code, kind FROM overrides WHERE at >= @from AND at < @to',
  );

  function check(from: string, to: string): void {
    if (!(Date.parse(from) < Date.parse(to))) {
      throw new DomainError('SHIFT_INVALID', 'The shift must end after it starts.', { from, to });
    }
    if (Date.parse(to) - Date.parse(from) > 31 * 24 * 3600_000) {
      throw new DomainError('SHIFT_TOO_LONG', 'A shift report covers at most 31 days.', { from, to });
    }
  }

  function shift(from: string, to: string): ShiftProductivity {
    check(from, to);
    const events: ProductivityEvent[] = eventsStmt.all({ from, to }).map((row) => ({
      at: row.at,
      operator: row.operator,
      orderId: row.order_id,
      kind: row.kind,
      result: row.result,
      quantity: row.kind === 'unit' ? Number(row.quantity ?? 1) : 0,
    }));
    const overrides: ProductivityOverride[] = overridesStmt.all({ from, to }).map((row) => ({ at: row.at, operator: row.operator, reasonCode: row.reason_code, kind: row.kind }));
    return shiftProductivity(events, overrides, { from, to });
  }

  async function report(from: string, to: string, format: 'pdf' | 'csv'): Promise<{ fileName: string; mime: string; content: Uint8Array }> {
    const result = shift(from, to);
    const stamp = localText(from).replace(/[: ]/g, '-');
    if (format === 'csv') return { fileName: `shift-${stamp}.csv`, mime: 'text/csv', content: new TextEncoder().encode(shiftReportCsv(result)) };
    const pages = buildShiftReport({
      stationName: deps.stationName(),
      fromText: localText(from),
      toText: localText(to),
      madeText: localText(deps.clock().toISOString()),
      packers: result.packers,
      totals: result.totals,
    });
    return { fileName: `shift-${stamp}.pdf`, mime: 'application/pdf', content: await renderPagesPdf(pages, `Shift report ${localText(from)}`) };
  }

  return { shift, report };
}

export type ProductivityService = ReturnType<typeof createProductivityService>;
