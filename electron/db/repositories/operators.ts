import type { Db } from '../open';

export type OperatorRecord = {
  id: number;
  name: string;
  role: 'packer' | 'supervisor';
  active: boolean;
  pinHash: string | null;
  badge: string | null;
  failedAttempts: number;
  lockedUntil: string | null;
};

type Row = {
  id: number;
  name: string;
  role: 'packer' | 'supervisor';
  active: number;
  pin_hash: string | null;
  badge: string | null;
  failed_attempts: number;
  locked_until: string | null;
};

function toOperator(row: Row): OperatorRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    active: row.active === 1,
    pinHash: row.pin_hash,
    badge: row.badge,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
  };
}

export function createOperatorsRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO operators (name, role, active, pin_hash, badge, created_at) VALUES (@name, @role, @active, @pinHash, @badge, @now)
     ON CONFLICT (name) DO UPDATE SET role = excluded.role, active = excluded.active,
       pin_hash = coalesce(excluded.pin_hash, operators.pin_hash), badge = excluded.badge`,
  );
  const byName = db.prepare<[string], Row>('SELECT * FROM operators WHERE name = ?');
  const byBadge = db.prepare<[string], Row>('SELECT * FROM operators WHERE badge = ?');
  const all = db.prepare<[], Row>('SELECT * FROM operators ORDER BY role DESC, name');
  const failures = db.prepare('UPDATE operators SET failed_attempts = @failedAttempts, locked_until = @lockedUntil WHERE id = @id');
  return {
    save(entry: { name: string; role: 'packer' | 'supervisor'; active: boolean; pinHash: string | null; badge: string | null }, now: string): OperatorRecord {
      upsert.run({ ...entry, active: entry.active ? 1 : 0, now });
      const row = byName.get(entry.name);
      if (!row) throw new Error(`operator ${entry.name} missing after save`);
      return toOperator(row);
    },
    byName(name: string): OperatorRecord | null {
      const row = byName.get(name);
      return row ? toOperator(row) : null;
    },
    byBadge(badge: string): OperatorRecord | null {
      const row = byBadge.get(badge);
      return row ? toOperator(row) : null;
    },
    list(): OperatorRecord[] {
      return all.all().map(toOperator);
    },
    setFailures(id: number, failedAttempts: number, lockedUntil: string | null): void {
      failures.run({ id, failedAttempts, lockedUntil });
    },
  };
}

export type OperatorsRepo = ReturnType<typeof createOperatorsRepo>;
