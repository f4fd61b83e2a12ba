import type { Db } from '../open';
import type { Box } from '../../../shared/contract';

export type BoxRecord = Box & { costMinor: number; currency: string; stock: number; flexible: boolean };

type Row = {
  id: string;
  name_en: string;
  name_zh: string;
  inner_length_mm: number;
  inner_width_mm: number;
  inner_height_mm: number;
  outer_length_mm: number;
  outer_width_mm: number;
  outer_height_mm: number;
  tare_g: number;
  max_load_g: number;
  cost_minor: number;
  currency: string;
  stock: number;
  hotkey: number | null;
  flexible: number;
};

function toBox(row: Row): BoxRecord {
  return {
    id: row.id,
    nameEn: row.name_en,
    nameZh: row.name_zh,
    innerLengthMm: row.inner_length_mm,
    innerWidthMm: row.inner_width_mm,
    innerHeightMm: row.inner_height_mm,
    outerLengthMm: row.outer_length_mm,
    outerWidthMm: row.outer_width_mm,
    outerHeightMm: row.outer_height_mm,
    tareG: row.tare_g,
    maxLoadG: row.max_load_g,
    hotkey: row.hotkey,
    costMinor: row.cost_minor,
    currency: row.currency,
    stock: row.stock,
    flexible: row.flexible === 1,
  };
}

export function createBoxesRepo(db: Db) {
  const all = db.prepare<[], Row>('SELECT * FROM boxes ORDER BY sort_order, id');
  const byId = db.prepare<[string], Row>('SELECT * FROM boxes WHERE id = ?');
  const insertStmt = db.prepare(
    `INSERT INTO boxes (id, name_en, name_zh, inner_length_mm, inner_width_mm, inner_height_mm, outer_length_mm,
       outer_width_mm, outer_height_mm, tare_g, max_load_g, cost_minor, currency, stock, hotkey, flexible, sort_order)
     VALUES (@id, @nameEn, @nameZh, @innerLengthMm, @innerWidthMm, @innerHeightMm, @outerLengthMm, @outerWidthMm,
       @outerHeightMm, @tareG, @maxLoadG, @costMinor, @currency, @stock, @hotkey, @flexible, @sortOrder)`,
  );
  return {
    list(): BoxRecord[] {
      return all.all().map(toBox);
    },
    get(id: string): BoxRecord | null {
      const row = byId.get(id);
      return row ? toBox(row) : null;
    },
    insert(box: BoxRecord, sortOrder: number): void {
      insertStmt.run({ ...box, flexible: box.flexible ? 1 : 0, sortOrder });
    },
  };
}

export type BoxesRepo = ReturnType<typeof createBoxesRepo>;
