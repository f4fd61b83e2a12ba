import type { Db } from '../open';

// Each label's service decision: what the bench proposed (and why, in the words shown at the
// time), what the packer took, and the reason when it was not the proposal. Overrides are
// the interesting rows: a supervisor reads them to tune the rules and the rate cards.

export type ServiceChoiceRecord = {
  at: string;
  orderId: string;
  packageId: number;
  operator: string;
  proposedServiceId: string | null;
  chosenServiceId: string;
  reasonCode: string | null;
  explanation: string;
  detail: Record<string, unknown>;
};

type ChoiceRow = {
  at: string;
  order_id: string;
  package_id: number;
  operator: string;
  proposed_service_id: string | null;
  chosen_service_id: string;
  reason_code: string | null;
  explanation: string;
  detail: string;
};

function toRecord(row: ChoiceRow): ServiceChoiceRecord {
  return {
    at: row.at,
    orderId: row.order_id,
    packageId: row.package_id,
    operator: row.operator,
    proposedServiceId: row.proposed_service_id,
    chosenServiceId: row.chosen_service_id,
    reasonCode: row.reason_code,
    explanation: row.explanation,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}

export function createServiceChoicesRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO service_choices (at, order_id, package_id, operator, proposed_service_id, chosen_service_id, reason_code, explanation, detail)
     VALUES (@at, @orderId, @packageId, @operator, @proposedServiceId, @chosenServiceId, @reasonCode, @explanation, @detail)`,
  );
  const forOrder = db.prepare<[string], ChoiceRow>('SELECT * FROM service_choices WHERE order_id = ? ORDER BY id');
  const overridesBetween = db.prepare<[string, string], ChoiceRow>(
    'SELECT * FROM service_choices WHERE at >= ? AND at < ? AND reason_code IS NOT NULL ORDER BY at, id',
  );
  return {
    record(choice: ServiceChoiceRecord): void {
      insert.run({ ...choice, detail: JSON.stringify(choice.detail) });
    },
    forOrder(orderId: string): ServiceChoiceRecord[] {
      return forOrder.all(orderId).map(toRecord);
    },
    /** Choices that were not the proposal, from `from` (inclusive) to `to` (exclusive). */
    overrides(from: string, to: string): ServiceChoiceRecord[] {
      return overridesBetween.all(from, to).map(toRecord);
    },
  };
}

export type ServiceChoicesRepo = ReturnType<typeof createServiceChoicesRepo>;
