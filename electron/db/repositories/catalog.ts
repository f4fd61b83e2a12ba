import type { Db } from '../open';
import type { Lithium } from '../../../shared/contract';

export type CatalogItem = {
  sku: string;
  gtin: string | null;
  nameEn: string;
  nameZh: string | null;
  unitWeightG: number | null;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  valueMinor: number | null;
  currency: string;
  hsCode: string | null;
  originCountry: string | null;
  hazmatClass: string | null;
  lithium: Lithium;
  lithiumDoc: string | null;
  lithiumDocExpires: string | null;
  cells: number | null;
  batteries: number | null;
  fnsku: string | null;
  asin: string | null;
  binLocation: string | null;
  serialRequired: boolean;
  quantityEntryAllowed: boolean;
};

type Row = {
  sku: string;
  gtin: string | null;
  name_en: string;
  name_zh: string | null;
  unit_weight_g: number | null;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  value_minor: number | null;
  currency: string;
  hs_code: string | null;
  origin_country: string | null;
  hazmat_class: string | null;
  lithium: Lithium;
  lithium_doc: string | null;
  lithium_doc_expires: string | null;
  cells: number | null;
  batteries: number | null;
  fnsku: string | null;
  asin: string | null;
  bin_location: string | null;
  serial_required: number;
  quantity_entry: number;
};

function toItem(row: Row): CatalogItem {
  return {
    sku: row.sku,
    gtin: row.gtin,
    nameEn: row.name_en,
    nameZh: row.name_zh,
    unitWeightG: row.unit_weight_g,
    lengthMm: row.length_mm,
    widthMm: row.width_mm,
    heightMm: row.height_mm,
    valueMinor: row.value_minor,
    currency: row.currency,
    hsCode: row.hs_code,
    originCountry: row.origin_country,
    hazmatClass: row.hazmat_class,
    lithium: row.lithium,
    lithiumDoc: row.lithium_doc,
    lithiumDocExpires: row.lithium_doc_expires,
    cells: row.cells,
    batteries: row.batteries,
    fnsku: row.fnsku,
    asin: row.asin,
    binLocation: row.bin_location,
    serialRequired: row.serial_required === 1,
    quantityEntryAllowed: row.quantity_entry === 1,
  };
}

export function sameCatalogItem(a: CatalogItem, b: CatalogItem): boolean {
  return (Object.keys(a) as Array<keyof CatalogItem>).every((key) => a[key] === b[key]);
}

export function createCatalogRepo(db: Db) {
  const bySku = db.prepare<[string], Row>('SELECT * FROM catalog_items WHERE sku = ?');
  const byGtin = db.prepare<[string], Row>('SELECT * FROM catalog_items WHERE gtin = ?');
  const byFnsku = db.prepare<[string], Row>('SELECT * FROM catalog_items WHERE fnsku = ?');
  const byAsin = db.prepare<[string], Row>('SELECT * FROM catalog_items WHERE asin = ? ORDER BY sku LIMIT 2');
  const upsertStmt = db.prepare(
    `INSERT INTO catalog_items (sku, gtin, name_en, name_zh, unit_weight_g, length_mm, width_mm, height_mm,
       value_minor, currency, hs_code, origin_country, hazmat_class, lithium, lithium_doc, lithium_doc_expires, cells, batteries, fnsku, asin, bin_location,
       serial_required, quantity_entry, updated_at)
     VALUES (@sku, @gtin, @nameEn, @nameZh, @unitWeightG, @lengthMm, @widthMm, @heightMm, @valueMinor,
       @currency, @hsCode, @originCountry, @hazmatClass, @lithium, @lithiumDoc, @lithiumDocExpires, @cells, @batteries, @fnsku, @asin, @binLocation,
       @serialRequired, @quantityEntry, @now)
     ON CONFLICT (sku) DO UPDATE SET gtin = excluded.gtin, name_en = excluded.name_en, name_zh = excluded.name_zh,
       unit_weight_g = excluded.unit_weight_g, length_mm = excluded.length_mm, width_mm = excluded.width_mm,
       height_mm = excluded.height_mm, value_minor = excluded.value_minor, currency = excluded.currency,
       hs_code = excluded.hs_code, origin_country = excluded.origin_country, hazmat_class = excluded.hazmat_class,
       lithium = excluded.lithium, lithium_doc = excluded.lithium_doc,
       lithium_doc_expires = excluded.lithium_doc_expires, cells = excluded.cells, batteries = excluded.batteries, fnsku = excluded.fnsku, asin = excluded.asin,
       bin_location = excluded.bin_location, serial_required = excluded.serial_required,
       quantity_entry = excluded.quantity_entry, updated_at = excluded.updated_at`,
  );
  const countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM catalog_items');
  const setWeightStmt = db.prepare('UPDATE catalog_items SET unit_weight_g = @unitWeightG, updated_at = @now WHERE sku = @sku');

  // Bumped on every write, so caches built from catalogue rows know when to rebuild.
  let generation = 0;

  return {
    generation(): number {
      return generation;
    },
    get(sku: string): CatalogItem | null {
      const row = bySku.get(sku);
      return row ? toItem(row) : null;
    },
    findByGtin(gtin14: string): CatalogItem | null {
      const row = byGtin.get(gtin14);
      return row ? toItem(row) : null;
    },
    findByFnsku(fnsku: string): CatalogItem | null {
      const row = byFnsku.get(fnsku);
      return row ? toItem(row) : null;
    },
    /** An ASIN can cover several seller SKUs (conditions, bundles): only a unique match counts. */
    findByAsin(asin: string): CatalogItem | null {
      const rows = byAsin.all(asin);
      return rows.length === 1 && rows[0] ? toItem(rows[0]) : null;
    },
    upsert(item: CatalogItem, now: string): void {
      generation += 1;
      upsertStmt.run({
        ...item,
        serialRequired: item.serialRequired ? 1 : 0,
        quantityEntry: item.quantityEntryAllowed ? 1 : 0,
        now,
      });
    },
    count(): number {
      return countStmt.get()?.n ?? 0;
    },
    setUnitWeight(sku: string, unitWeightG: number, now: string): boolean {
      generation += 1;
      return setWeightStmt.run({ sku, unitWeightG, now }).changes === 1;
    },
  };
}

export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
