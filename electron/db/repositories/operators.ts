import type { Db } from '../open';

export type OperatorRecord = { id: number; name: string; role: 'packer' | 'supervisor'; active: boolean };

type Row = { id: number; name: string; role: 'packer' | 'supervisor'; active: number };

export function createOperatorsRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO operators (name, role, created_at) VALUES (@name, @role, @now) ON CONFLICT (name) DO NOTHING',
  );
  const byName = db.prepare<[string], Row>('SELECT * FROM operators WHERE name = ?');
  const all = db.prepare<[], Row>('SELECT * FROM operators ORDER BY name');
  const toOperator = (row: Row): OperatorRecord => ({ id: row.id, name: row.name, role: row.role, active: row.active === 1 });
  return {
    ensure(name: string, role: 'packer' | 'supervisor', now: string): OperatorRecord {
      insert.run({ name, role, now });
      const row = byName.get(name);
      if (!row) throw new Error(`operator ${name} missing after insert`);
      return toOperator(row);
    },
    list(): OperatorRecord[] {
      return all.all().map(toOperator);
    },
  };
}

export type OperatorsRepo = ReturnType<typeof createOperatorsRepo>;
