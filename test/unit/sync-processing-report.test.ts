import { describe, expect, it } from 'vitest';
import { buildFulfillmentFlatFile } from '../../shared/sync/fulfillment-flat-file';
import { feedOutcomes, parseProcessingReport } from '../../shared/sync/processing-report';

const CARRIER_ERROR = 'The carrier-code field contains an invalid value.';

const REPORT = [
  'Feed Processing Summary:',
  '\tNumber of records processed\t\t3',
  '\tNumber of records successful\t\t2',
  '',
  'original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message',
  `2\t114-1234567-1234567\t12345678901234\t18028\tError\t${CARRIER_ERROR}`,
  '',
].join('\n');

const ROW_2 = { recordNumber: 2, orderId: '114-1234567-1234567', orderItemId: '12345678901234', code: '18028', type: 'Error', message: CARRIER_ERROR } as const;

describe("reading Amazon's flat-file processing report", () => {
  it('the documented shape', () => {
    expect(parseProcessingReport(REPORT)).toEqual({ processed: 3, successful: 2, results: [ROW_2], problems: [] });
  });

  it.each([
    ['CRLF line ends', REPORT.replace(/\n/g, '\r\n')],
    ['old Mac CR line ends', REPORT.replace(/\n/g, '\r')],
    ['a byte-order mark', `\uFEFF${REPORT}`],
    ['"processed: 3" with a colon', REPORT.replace('\tNumber of records processed\t\t3', 'Number of records processed: 3').replace('\tNumber of records successful\t\t2', 'Number of records successful: 2')],
    ['spaces instead of tabs in the summary', REPORT.replace('\tNumber of records processed\t\t3', '    Number of records processed      3')],
    ['other summary lines', REPORT.replace('\n\n', '\n\tNumber of records with errors\t\t1\n\tNumber of records with warnings\t\t0\n\n')],
    ['the summary after the rows', `${REPORT.split('\n').slice(4).join('\n')}\nNumber of records processed: 3\nNumber of records successful: 2\n`],
    ['a header in another case', REPORT.replace('original-record-number\torder-id', 'Original-Record-Number\tOrder-Id')],
  ])('%s', (_case, text) => {
    expect(parseProcessingReport(text)).toEqual({ processed: 3, successful: 2, results: [ROW_2], problems: [] });
  });

  it('extra and reordered columns are found by name', () => {
    const text = [
      'Feed Processing Summary:',
      '\tNumber of records processed\t\t3',
      '\tNumber of records successful\t\t2',
      'error-type\toriginal-record-number\tsku\terror-code\torder-item-id\torder-id\terror-message\tadditional-info',
      `Error\t2\tSKU-1\t18028\t12345678901234\t114-1234567-1234567\t${CARRIER_ERROR}\tsee help`,
    ].join('\n');
    expect(parseProcessingReport(text).results).toEqual([ROW_2]);
  });

  it('a tab inside the last column, the message, is kept', () => {
    const text = REPORT.replace(CARRIER_ERROR, 'The carrier-code field\tcontains an invalid value.');
    expect(parseProcessingReport(text).results[0]?.message).toBe('The carrier-code field\tcontains an invalid value.');
  });

  it('Chinese messages are kept verbatim', () => {
    expect(parseProcessingReport(REPORT.replace(CARRIER_ERROR, '承运人代码字段包含无效值。')).results[0]?.message).toBe('承运人代码字段包含无效值。');
  });

  it.each([
    ['warning', 'Warning'],
    ['ERROR', 'Error'],
  ])('error-type %s reads as %s', (raw, type) => {
    expect(parseProcessingReport(REPORT.replace('\tError\t', `\t${raw}\t`)).results[0]?.type).toBe(type);
  });

  it('an unknown error-type reads as Error, and is flagged', () => {
    const report = parseProcessingReport(REPORT.replace('\tError\t', '\tFatal\t'));
    expect(report.results[0]?.type).toBe('Error');
    expect(report.problems).toEqual(["Line 6: error-type 'Fatal' is neither Error nor Warning; read as Error."]);
  });

  it.each([
    ['an empty text', '', 2],
    ['no summary', REPORT.split('\n').slice(4).join('\n'), 2],
    ['a summary count that is not a number', REPORT.replace('\t\t3', '\t\tthree'), 2],
    ['a record number that is not a number', REPORT.replace('\n2\t114', '\nx\t114'), 1],
    ['a result header lacking error-message', REPORT.replace('\terror-message', ''), 1],
  ])('%s is flagged as a problem, not thrown', (_case, text, count) => {
    expect(parseProcessingReport(text).problems).toHaveLength(count);
  });

  it('a report with no errors has no rows', () => {
    const clean = 'Feed Processing Summary:\n\tNumber of records processed\t\t2\n\tNumber of records successful\t\t2\n';
    expect(parseProcessingReport(clean)).toEqual({ processed: 2, successful: 2, results: [], problems: [] });
  });
});

describe('what became of each confirmation sent in a feed', () => {
  // Three confirmations: job 1 with two items (rows 1-2), job 2 with one (row 3), job 3 with one (row 4).
  const file = buildFulfillmentFlatFile([
    {
      key: '1',
      orderId: '111-1111111-1111111',
      shipDate: '2026-11-20T08:00:00Z',
      carrierCode: 'FedEx',
      trackingNumber: 'T1',
      items: [
        { orderItemId: '11111111111111', quantity: 1 },
        { orderItemId: '11111111111112', quantity: 1 },
      ],
    },
    { key: '2', orderId: '222-2222222-2222222', shipDate: '2026-11-20T08:00:00Z', carrierCode: 'FedEx', trackingNumber: 'T2', items: [{ orderItemId: '22222222222222', quantity: 1 }] },
    { key: '3', orderId: '333-3333333-3333333', shipDate: '2026-11-20T08:00:00Z', carrierCode: 'FedEx', trackingNumber: 'T3', items: [{ orderItemId: '33333333333333', quantity: 1 }] },
  ]);

  const report = (processed: number, successful: number, rows: string[]) =>
    parseProcessingReport(
      [
        'Feed Processing Summary:',
        `\tNumber of records processed\t\t${processed}`,
        `\tNumber of records successful\t\t${successful}`,
        '',
        'original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message',
        ...rows,
      ].join('\n'),
    );

  const outcomes = (r: ReturnType<typeof report>) => feedOutcomes(file.records, r);

  it('all accepted: a clean report that adds up', () => {
    const o = outcomes(report(4, 4, []));
    expect(o.consistent).toBe(true);
    expect(o.results.map((r) => [r.key, r.outcome])).toEqual([
      ['1', 'accepted'],
      ['2', 'accepted'],
      ['3', 'accepted'],
    ]);
  });

  it('an error on one item rejects the whole package; the others silent in the report are accepted', () => {
    const o = outcomes(report(4, 3, [`2\t111-1111111-1111111\t11111111111112\t18028\tError\t${CARRIER_ERROR}`]));
    expect(o.consistent).toBe(true);
    expect(o.results.map((r) => [r.key, r.outcome, r.messages])).toEqual([
      ['1', 'rejected', [CARRIER_ERROR]],
      ['2', 'accepted', []],
      ['3', 'accepted', []],
    ]);
  });

  it('two errors on one record count as one record with errors', () => {
    const o = outcomes(report(4, 3, ['3\t222-2222222-2222222\t22222222222222\t1\tError\tFirst.', '3\t222-2222222-2222222\t22222222222222\t2\tError\tSecond.']));
    expect(o.consistent).toBe(true);
    expect(o.results[1]).toMatchObject({ key: '2', outcome: 'rejected', messages: ['First.', 'Second.'] });
  });

  it('a warning: accepted with the warning to show', () => {
    const o = outcomes(report(4, 4, ['4\t333-3333333-3333333\t33333333333333\t5001\tWarning\tThe ship-method was not recognised.']));
    expect(o.consistent).toBe(true);
    expect(o.results[2]).toMatchObject({ key: '3', outcome: 'accepted-with-warning', messages: ['The ship-method was not recognised.'] });
  });

  it('an error and a warning on one package: rejected, errors first', () => {
    const o = outcomes(report(4, 3, ['1\t111-1111111-1111111\t11111111111111\t5001\tWarning\tA warning.', '2\t111-1111111-1111111\t11111111111112\t18028\tError\tAn error.']));
    expect(o.results[0]).toMatchObject({ outcome: 'rejected', messages: ['An error.', 'A warning.'] });
  });

  describe('a report that does not add up is flagged, and silence is not taken as success', () => {
    it.each([
      ['fewer processed than the file had', report(3, 3, []), 'The report counts 3 records processed; the file had 4.'],
      ['processed ≠ successful + errors', report(4, 2, [`2\t111-1111111-1111111\t11111111111112\t18028\tError\t${CARRIER_ERROR}`]), 'The report counts 4 processed and 2 successful, but 1 records with errors.'],
      ['no summary at all', parseProcessingReport('original-record-number\torder-id\torder-item-id\terror-code\terror-type\terror-message\n'), 'The report has no number of records processed.'],
      ['a row citing a record the file did not have', report(4, 4, ['9\t999-9999999-9999999\t9\t1\tError\tWho?']), 'The report cites record 9, which the file did not have.'],
    ])('%s', (_case, r, problem) => {
      const o = outcomes(r);
      expect(o.consistent).toBe(false);
      expect(o.problems).toContain(problem);
      for (const result of o.results) {
        if (result.results.length === 0) expect(result.outcome).toBe('unknown');
      }
    });

    it('an explicit error row still rejects its package in a report that does not add up', () => {
      const o = outcomes(report(9, 1, [`3\t222-2222222-2222222\t22222222222222\t18028\tError\t${CARRIER_ERROR}`]));
      expect(o.consistent).toBe(false);
      expect(o.results.map((r) => r.outcome)).toEqual(['unknown', 'rejected', 'unknown']);
    });
  });

  it('an empty file and an empty report: nothing to say, consistent', () => {
    expect(feedOutcomes([], report(0, 0, []))).toEqual({ consistent: true, problems: [], results: [] });
  });
});
