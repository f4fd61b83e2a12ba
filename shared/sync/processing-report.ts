// Amazon's processing report for a flat-file feed: a summary, then one tab-separated row per
// error or warning, citing the data row of our file it is about (original-record-number):
//
//   Feed Processing Summary:
//   	Number of records processed		3
//   	Number of records successful		2
//
//   original-record-number	order-id	order-item-id	error-code	error-type	error-message
//   2	114-1234567-1234567	12345678901234	18028	Error	The carrier-code field contains an invalid value.
//
// Read leniently where the form varies ("processed: 3", CRLF, a byte-order mark, columns added
// or moved) and strictly where it decides whether a confirmation counts as sent: a report that
// does not add up is flagged, and the records it is silent about are left unknown.

import type { FlatFileRecord } from './fulfillment-flat-file';

export type ProcessingResult = {
  recordNumber: number;
  orderId: string;
  orderItemId: string;
  code: string;
  type: 'Error' | 'Warning';
  /** Amazon's words, verbatim. */
  message: string;
};

export type ProcessingReport = {
  /** null when the summary line is missing or unreadable. */
  processed: number | null;
  successful: number | null;
  results: ProcessingResult[];
  /** What could not be read; any entry makes the report inconsistent. */
  problems: string[];
};

export type FeedOutcome = {
  key: string;
  /** 'unknown': the report does not add up and says nothing about this confirmation. */
  outcome: 'accepted' | 'accepted-with-warning' | 'rejected' | 'unknown';
  /** Amazon's messages for this confirmation's rows, verbatim (errors first). */
  messages: string[];
  results: ProcessingResult[];
};

export type FeedOutcomes = {
  /** The summary adds up with the rows and with the file that was sent. */
  consistent: boolean;
  problems: string[];
  results: FeedOutcome[];
};

const REQUIRED = ['original-record-number', 'error-code', 'error-type', 'error-message'] as const;

function summaryCount(line: string, name: 'processed' | 'successful'): number | null | undefined {
  const flat = line.replace(/\s+/g, ' ').trim();
  const m = new RegExp(`^number of records ${name}\\s*:?\\s*(\\S+)$`, 'i').exec(flat);
  if (m === null) return undefined;
  const v = m[1] ?? '';
  return /^[0-9]+$/.test(v) ? Number(v) : null;
}

/** Reads the report; never throws. Anything unreadable is listed in `problems`. */
export function parseProcessingReport(text: string): ProcessingReport {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);
  let processed: number | null = null;
  let successful: number | null = null;
  const problems: string[] = [];
  const results: ProcessingResult[] = [];
  let columns: Map<string, number> | null = null;
  let lastColumn = '';

  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNo = index + 1;
    // The summary is looked for on every line: a variant may put it after the rows.
    for (const name of ['processed', 'successful'] as const) {
      const count = summaryCount(line, name);
      if (count === undefined) continue;
      if (count === null) problems.push(`Line ${lineNo}: the number of records ${name} is not a number.`);
      else if (name === 'processed') processed = count;
      else successful = count;
      return;
    }
    // Other summary lines (with errors, with warnings) are derived, not needed.
    if (/^\s*(number of records\b|feed processing summary)/i.test(line)) return;
    if (columns === null) {
      const cells = line.split('\t').map((c) => c.trim().toLowerCase());
      if (cells.includes('original-record-number')) {
        const missing = REQUIRED.filter((c) => !cells.includes(c));
        if (missing.length > 0) {
          problems.push(`Line ${lineNo}: the result header lacks ${missing.join(', ')}.`);
          return;
        }
        columns = new Map();
        cells.forEach((c, i) => {
          if (c !== '' && !columns?.has(c)) columns?.set(c, i);
        });
        lastColumn = cells.filter((c) => c !== '').at(-1) ?? '';
      }
      // Anything else before the header (the title, other summary lines) is not needed.
      return;
    }

    const cols: Map<string, number> = columns;
    const cells = line.split('\t');
    const cell = (name: string): string => {
      const i = cols.get(name);
      if (i === undefined) return '';
      // A tab inside the message, when the message is the last column, splits it; join it back.
      if (name === 'error-message' && name === lastColumn) return cells.slice(i).join('\t').trim();
      return (cells[i] ?? '').trim();
    };
    const recordRaw = cell('original-record-number');
    if (!/^[0-9]+$/.test(recordRaw) || Number(recordRaw) < 1) {
      problems.push(`Line ${lineNo}: '${recordRaw}' is not a record number.`);
      return;
    }
    const typeRaw = cell('error-type');
    let type: 'Error' | 'Warning';
    if (/^error$/i.test(typeRaw)) type = 'Error';
    else if (/^warning$/i.test(typeRaw)) type = 'Warning';
    else {
      // Not knowing whether it failed, the safe reading is that it did: a person will look.
      problems.push(`Line ${lineNo}: error-type '${typeRaw}' is neither Error nor Warning; read as Error.`);
      type = 'Error';
    }
    results.push({
      recordNumber: Number(recordRaw),
      orderId: cell('order-id'),
      orderItemId: cell('order-item-id'),
      code: cell('error-code'),
      type,
      message: cell('error-message'),
    });
  });

  if (processed === null) problems.push('The report has no number of records processed.');
  if (successful === null) problems.push('The report has no number of records successful.');
  return { processed, successful, results, problems };
}

/**
 * What became of each confirmation (key) sent in the file, from its records (which data rows
 * were whose) and the report.
 *
 * A key with any Error row is rejected as a whole, although Amazon applied its other rows: the
 * outbox job is one package, and it can only be sent or not. Sending the whole package again
 * after the fix is harmless, because a new upload of the same order and item overwrites the
 * earlier values (README §5.2), whereas calling it sent would leave an item unconfirmed.
 *
 * A record the report does not mention was accepted, but only if the report adds up: as many
 * records processed as the file had, and processed = successful + records with errors. If it
 * does not add up, silence proves nothing, so those keys are 'unknown' rather than guessed.
 */
export function feedOutcomes(records: ReadonlyArray<Pick<FlatFileRecord, 'recordNumber' | 'key'>>, report: ProcessingReport): FeedOutcomes {
  const problems = [...report.problems];
  const keyOf = new Map<number, string>();
  for (const r of records) keyOf.set(r.recordNumber, r.key);

  const byKey = new Map<string, ProcessingResult[]>();
  const recordsWithErrors = new Set<number>();
  for (const result of report.results) {
    const key = keyOf.get(result.recordNumber);
    if (key === undefined) {
      problems.push(`The report cites record ${result.recordNumber}, which the file did not have.`);
      continue;
    }
    if (result.type === 'Error') recordsWithErrors.add(result.recordNumber);
    const list = byKey.get(key) ?? [];
    list.push(result);
    byKey.set(key, list);
  }

  const { processed, successful } = report;
  if (processed !== null && processed !== keyOf.size) {
    problems.push(`The report counts ${processed} records processed; the file had ${keyOf.size}.`);
  }
  if (processed !== null && successful !== null && processed !== successful + recordsWithErrors.size) {
    problems.push(`The report counts ${processed} processed and ${successful} successful, but ${recordsWithErrors.size} records with errors.`);
  }
  const consistent = problems.length === 0;

  const keys = [...new Set(records.map((r) => r.key))];
  const results = keys.map((key): FeedOutcome => {
    const rows = byKey.get(key) ?? [];
    const errors = rows.filter((r) => r.type === 'Error');
    const warnings = rows.filter((r) => r.type === 'Warning');
    const messages = [...errors, ...warnings].map((r) => r.message);
    if (errors.length > 0) return { key, outcome: 'rejected', messages, results: rows };
    if (warnings.length > 0) return { key, outcome: 'accepted-with-warning', messages, results: rows };
    if (!consistent) return { key, outcome: 'unknown', messages: [], results: rows };
    return { key, outcome: 'accepted', messages: [], results: rows };
  });
  return { consistent, problems, results };
}
