import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apply,
  currentPackage,
  decideCommand,
  decideOpen,
  decideQuantity,
  decideScan,
  isOrderComplete,
  packageUnitCount,
  remainingOf,
  replay,
  totalRemaining,
} from '../../shared/pack/pack-session';
import type { Command, DecideContext, PackFact, ResolvedScan, SessionLine, SessionState } from '../../shared/pack/pack-session';

const LINES: SessionLine[] = [
  { orderItemId: 'L1', sku: 'MUG', quantity: 2, serialRequired: false, quantityEntryAllowed: false },
  { orderItemId: 'L2', sku: 'PHONE', quantity: 1, serialRequired: true, quantityEntryAllowed: false },
  { orderItemId: 'L3', sku: 'SCREW', quantity: 50, serialRequired: false, quantityEntryAllowed: true },
];

const ctx = (over: Partial<DecideContext> = {}): DecideContext => ({
  operator: 'lin',
  at: '2026-11-26T10:00:00.000Z',
  orderStatus: 'packing',
  serialUsedElsewhere: () => false,
  ...over,
});

function opened(lines: SessionLine[] = LINES): SessionState {
  return replay('O-1', lines, [{ type: 'opened', packageSeq: 1, operator: 'lin', at: 't' }]);
}

function run(state: SessionState, facts: PackFact[]): SessionState {
  return facts.reduce(apply, state);
}

const product = (sku: string, serial: string | null = null): ResolvedScan => ({ kind: 'product', sku, serial });

describe('a scan at the bench', () => {
  it('a unit of the order is accepted and counted', () => {
    const decision = decideScan(opened(), product('MUG'), '0123', 's1', ctx());
    expect(decision.outcome).toMatchObject({ accepted: true, code: 'SCAN_ACCEPTED' });
    expect(run(opened(), decision.facts).accepted['L1']).toBe(1);
  });

  it.each([
    ['a product not in this order is a wrong item', product('KETTLE'), 'SCAN_WRONG_ITEM'],
    ['an unknown barcode', { kind: 'unknown' } as ResolvedScan, 'SCAN_UNKNOWN_BARCODE'],
    ['free text when no serial is awaited', { kind: 'text', value: 'hello' } as ResolvedScan, 'SCAN_UNKNOWN_BARCODE'],
    ['a wrong check digit', { kind: 'bad-check-digit' } as ResolvedScan, 'SCAN_BAD_CHECK_DIGIT'],
    ['a malformed GS1 string', { kind: 'malformed', reason: 'unknown AI 99' } as ResolvedScan, 'SCAN_MALFORMED'],
  ])('%s is refused and raises an alert', (_name, scan, code) => {
    const decision = decideScan(opened(), scan, 'X', 's1', ctx());
    expect(decision.outcome).toMatchObject({ accepted: false, code });
    const after = run(opened(), decision.facts);
    expect(after.alert?.code).toBe(code);
    expect(Object.values(after.accepted)).toEqual([]);
  });

  it('scanning a second unit when one was ordered is an over-scan', () => {
    const lines = [{ ...LINES[0], quantity: 1 } as SessionLine, LINES[2] as SessionLine];
    let state = opened(lines);
    state = run(state, decideScan(state, product('MUG'), 'a', 's1', ctx()).facts);
    const over = decideScan(state, product('MUG'), 'a', 's2', ctx());
    expect(over.outcome).toMatchObject({ accepted: false, code: 'SCAN_OVER_SCAN', data: { ordered: 1 } });
    expect(run(state, over.facts).accepted['L1']).toBe(1);
  });

  it('an error must be acknowledged before the next scan counts, and the scan behind it is not stored', () => {
    let state = run(opened(), decideScan(opened(), product('KETTLE'), 'k', 's1', ctx()).facts);
    const behind = decideScan(state, product('MUG'), 'm', 's2', ctx());
    expect(behind).toEqual({ outcome: { accepted: false, code: 'ALERT_NOT_ACKNOWLEDGED', data: { pending: 'SCAN_WRONG_ITEM' } }, facts: [] });
    const ack = decideCommand(state, { name: 'acknowledge' }, ctx());
    expect(ack.outcome.code).toBe('ACKNOWLEDGED');
    state = run(state, ack.facts);
    expect(state.alert).toBeNull();
    expect(decideScan(state, product('MUG'), 'm', 's3', ctx()).outcome.code).toBe('SCAN_ACCEPTED');
  });

  it.each([
    ['cancelled', 'ORDER_CANCELLED'],
    ['shipped', 'ORDER_NOT_PACKABLE'],
    ['packed', 'ORDER_NOT_PACKABLE'],
  ] as const)('an order that is %s takes no units', (status, code) => {
    const decision = decideScan(opened(), product('MUG'), 'm', 's1', ctx({ orderStatus: status }));
    expect(decision.outcome).toMatchObject({ accepted: false, code });
  });
});

it('an order on hold takes no units', () => {
  const decision = decideScan(opened(), product('MUG'), 'm', 's1', ctx({ onHold: true }));
  expect(decision.outcome).toMatchObject({ accepted: false, code: 'ORDER_NOT_PACKABLE', data: { status: 'on-hold' } });
});

describe('serial numbers', () => {
  it('an item that needs a serial asks for it, then takes the next scan as the serial', () => {
    let state = opened();
    const prompt = decideScan(state, product('PHONE'), '0999', 's1', ctx());
    expect(prompt.outcome.code).toBe('SERIAL_PROMPT');
    state = run(state, prompt.facts);
    expect(state.awaiting).toMatchObject({ kind: 'serial', sku: 'PHONE' });
    const serial = decideScan(state, { kind: 'text', value: 'SN-0001' }, 'SN-0001', 's2', ctx());
    expect(serial.outcome).toMatchObject({ accepted: true, data: { serial: 'SN-0001' } });
    state = run(state, serial.facts);
    expect(state.accepted['L2']).toBe(1);
    expect(state.serials).toEqual(['SN-0001']);
  });

  it('a GS1 code that carries the serial (AI 21) is accepted in one scan', () => {
    const decision = decideScan(opened(), product('PHONE', 'SN-7'), '(01)…(21)SN-7', 's1', ctx());
    expect(decision.outcome).toMatchObject({ accepted: true, code: 'SCAN_ACCEPTED' });
  });

  it('a serial already shipped is refused', () => {
    let state = run(opened(), decideScan(opened(), product('PHONE'), 'p', 's1', ctx()).facts);
    const used = decideScan(state, { kind: 'text', value: 'SN-OLD' }, 'SN-OLD', 's2', ctx({ serialUsedElsewhere: () => true }));
    expect(used.outcome).toMatchObject({ accepted: false, code: 'SERIAL_ALREADY_USED' });
    state = run(state, used.facts);
    // The prompt is still open once the error is acknowledged: the unit still needs its serial.
    state = run(state, decideCommand(state, { name: 'acknowledge' }, ctx()).facts);
    expect(state.awaiting?.sku).toBe('PHONE');
  });
});

describe('serial prompts and the rest of the order', () => {
  it('a serial scanned after its line was shipped short is not an extra unit', () => {
    const lines = [LINES[1] as SessionLine, { ...LINES[0], quantity: 1 } as SessionLine];
    let state = opened(lines);
    state = run(state, decideScan(state, product('PHONE'), 'p', null, ctx()).facts);
    state = run(state, decideCommand(state, { name: 'ship-short', orderItemId: 'L2', quantity: 1, reasonCode: 'OUT_OF_STOCK' }, ctx()).facts);
    expect(state.awaiting).toBeNull();
    const serial = decideScan(state, { kind: 'text', value: 'WT-555' }, 'WT-555', null, ctx());
    expect(serial.outcome.code).toBe('SCAN_UNKNOWN_BARCODE');
    expect(remainingOf(run(state, serial.facts), 'L1')).toBe(1);
  });

  it('another product\'s GS1 code with a serial is not the awaited unit', () => {
    const state = run(opened(), decideScan(opened(), product('PHONE'), 'p', null, ctx()).facts);
    const decision = decideScan(state, product('MUG', 'MUGSERIAL9'), '(01)…(21)MUGSERIAL9', null, ctx());
    expect(decision.outcome).toMatchObject({ accepted: false, code: 'SERIAL_REQUIRED' });
    expect(run(state, decision.facts).accepted['L2']).toBeUndefined();
  });
});

describe('the quantity shortcut', () => {
  it('is allowed after one scan of an item that allows it, and logged as a quantity entry', () => {
    let state = run(opened(), decideScan(opened(), product('SCREW'), 'sc', 's1', ctx()).facts);
    const typed = decideQuantity(state, 'L3', 50, ctx());
    expect(typed.outcome).toMatchObject({ accepted: true, code: 'QUANTITY_ACCEPTED' });
    expect(typed.facts[0]).toMatchObject({ type: 'unit', method: 'quantity-entry', quantity: 49 });
    state = run(state, typed.facts);
    expect(remainingOf(state, 'L3')).toBe(0);
  });

  it.each([
    ['before any unit was scanned', 0, 10, 'QUANTITY_NEEDS_ONE_SCAN'],
    ['for more than were ordered', 1, 51, 'QUANTITY_OUT_OF_RANGE'],
  ])('is refused %s', (_name, scans, total, code) => {
    let state = opened();
    for (let i = 0; i < scans; i += 1) state = run(state, decideScan(state, product('SCREW'), 'sc', null, ctx()).facts);
    expect(decideQuantity(state, 'L3', total, ctx()).outcome.code).toBe(code);
  });

  it('is refused where the item does not allow it', () => {
    const state = run(opened(), decideScan(opened(), product('MUG'), 'm', null, ctx()).facts);
    expect(decideQuantity(state, 'L1', 2, ctx()).outcome.code).toBe('QUANTITY_ENTRY_NOT_ALLOWED');
  });
});

describe('packages and overrides', () => {
  it('the last unit closes the package by itself', () => {
    const lines = [{ ...LINES[0], quantity: 1 } as SessionLine];
    const decision = decideScan(opened(lines), product('MUG'), 'm', null, ctx());
    expect(decision.facts.map((fact) => fact.type)).toEqual(['unit', 'package-closed']);
  });

  it('"next package" closes a package that has units and refuses an empty one', () => {
    expect(decideCommand(opened(), { name: 'next-package' }, ctx()).outcome.code).toBe('PACKAGE_EMPTY');
    const state = run(opened(), decideScan(opened(), product('MUG'), 'm', null, ctx()).facts);
    const next = decideCommand(state, { name: 'next-package' }, ctx());
    expect(next.facts[0]).toMatchObject({ type: 'package-closed', partial: true });
  });

  it('a supervisor override verifies a unit without a scan, with its reason', () => {
    const decision = decideCommand(opened(), { name: 'override-unit', orderItemId: 'L1', reasonCode: 'DAMAGED_BARCODE' }, ctx());
    expect(decision.facts[0]).toMatchObject({ type: 'unit', method: 'override', reasonCode: 'DAMAGED_BARCODE' });
  });

  it('shipping short reduces what is left to scan', () => {
    const state = run(opened(), decideCommand(opened(), { name: 'ship-short', orderItemId: 'L3', quantity: 20, reasonCode: 'OUT_OF_STOCK' }, ctx()).facts);
    expect(remainingOf(state, 'L3')).toBe(30);
    expect(decideCommand(state, { name: 'ship-short', orderItemId: 'L3', quantity: 31, reasonCode: 'X' }, ctx()).outcome.code).toBe('SHORT_OUT_OF_RANGE');
  });

  it('another packer cannot take a session someone holds; a supervisor can', () => {
    expect(decideOpen(opened(), 'wang', false)).toEqual({ ok: false, holder: 'lin' });
    expect(decideOpen(opened(), 'wang', true)).toEqual({ ok: true, takeover: true });
    expect(decideOpen(opened(), 'lin', false)).toEqual({ ok: true, takeover: false });
  });
});

// Random bench sessions: whatever the packer scans or commands, in whatever order, the
// session never reaches a state that could let wrong goods leave.
describe('random sessions', () => {
  const skus = ['MUG', 'PHONE', 'SCREW', 'KETTLE'];
  const action = fc.oneof(
    fc.record({ t: fc.constant('scan' as const), sku: fc.constantFrom(...skus), serial: fc.option(fc.constantFrom('S1', 'S2', 'S3'), { nil: null }) }),
    fc.record({ t: fc.constant('text' as const), value: fc.constantFrom('S1', 'S2', 'junk') }),
    fc.record({ t: fc.constant('bad' as const) }),
    fc.record({ t: fc.constant('qty' as const), total: fc.integer({ min: -2, max: 60 }) }),
    fc.record({
      t: fc.constant('cmd' as const),
      command: fc.constantFrom<Command>(
        { name: 'acknowledge' },
        { name: 'cancel-prompt' },
        { name: 'next-package' },
        { name: 'override-unit', orderItemId: 'L1', reasonCode: 'R' },
        { name: 'ship-short', orderItemId: 'L3', quantity: 5, reasonCode: 'R' },
        { name: 'ship-short', orderItemId: 'L2', quantity: 1, reasonCode: 'R' },
        { name: 'ship-short', orderItemId: 'L1', quantity: 1, reasonCode: 'R' },
      ),
    }),
    fc.record({ t: fc.constant('label' as const) }),
  );

  it('never exceed the order, never close an empty package, never store a fact without an operator', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 80 }), fc.constantFrom('lin', 'wang'), (actions, operator) => {
        const c = ctx({ operator, serialUsedElsewhere: (_sku, serial) => serial === 'S3' });
        const facts: PackFact[] = [{ type: 'opened', packageSeq: 1, operator, at: 't' }];
        let state = replay('O', LINES, facts);
        for (const step of actions) {
          let produced: PackFact[] = [];
          if (step.t === 'scan') produced = decideScan(state, product(step.sku, step.serial), step.sku, null, c).facts;
          if (step.t === 'text') produced = decideScan(state, { kind: 'text', value: step.value }, step.value, null, c).facts;
          if (step.t === 'bad') produced = decideScan(state, { kind: 'bad-check-digit' }, '0', null, c).facts;
          if (step.t === 'qty') produced = decideQuantity(state, 'L3', step.total, c).facts;
          if (step.t === 'cmd') produced = decideCommand(state, step.command, c).facts;
          if (step.t === 'label') {
            // What the main process does after printing a closed package: label it, then open the next.
            const pkg = currentPackage(state);
            if (pkg?.closed && !pkg.labelled) {
              produced = [{ type: 'package-labelled', packageSeq: pkg.seq, trackingNumber: `T${pkg.seq}`, operator, at: 't' }];
              if (totalRemaining(run(state, produced)) > 0) produced.push({ type: 'opened', packageSeq: pkg.seq + 1, operator, at: 't' });
            }
          }
          facts.push(...produced);
          state = run(state, produced);

          for (const fact of produced) expect(fact.operator).toBeTruthy();
          for (const line of LINES) {
            expect((state.accepted[line.orderItemId] ?? 0) + (state.short[line.orderItemId] ?? 0)).toBeLessThanOrEqual(line.quantity);
            expect(remainingOf(state, line.orderItemId)).toBeGreaterThanOrEqual(0);
          }
          // A package only closes by itself (not partial) when every line is accounted for.
          for (const fact of produced) if (fact.type === 'package-closed' && !fact.partial) expect(totalRemaining(state)).toBe(0);
          for (const pkg of state.packages) if (pkg.closed) expect(packageUnitCount(pkg)).toBeGreaterThan(0);
          const inPackages = state.packages.reduce((sum, pkg) => sum + packageUnitCount(pkg), 0);
          expect(inPackages).toBe(Object.values(state.accepted).reduce((sum, n) => sum + n, 0));
          if (isOrderComplete(state)) expect(totalRemaining(state)).toBe(0);
          expect(new Set(state.serials).size).toBe(state.serials.length);
          expect(state.serials).not.toContain('S3');
        }
        // Replaying the stored facts gives the same session: what the screen showed survives a restart.
        expect(replay('O', LINES, facts)).toEqual(state);
      }),
      { numRuns: 400 },
    );
  });
});
