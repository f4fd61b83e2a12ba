import type { PackedLine } from '../../shared/domain/eligibility';
import type { CatalogItem } from '../db/repositories/catalog';
import type { OrderItemRecord } from '../db/repositories/orders';

/**
 * The goods in one package, line by line, with what the catalogue says of them: what the
 * weight, compliance and customs checks and the documents read. Lines with no unit in the
 * package are left out.
 */
export function packedLinesOf(items: readonly OrderItemRecord[], catalog: ReadonlyMap<string, CatalogItem | null>, units: Readonly<Record<string, number>>): PackedLine[] {
  return items
    .map((item) => {
      const entry = catalog.get(item.sku) ?? null;
      return {
        sku: item.sku,
        quantity: units[item.orderItemId] ?? 0,
        unitWeightG: entry?.unitWeightG ?? null,
        lithium: entry?.lithium ?? 'none',
        lithiumDoc: entry?.lithiumDoc ?? null,
        lithiumDocExpires: entry?.lithiumDocExpires ?? null,
        cells: entry?.cells ?? null,
        batteries: entry?.batteries ?? null,
        hazmatClass: entry?.hazmatClass ?? null,
        unitValueMinor: entry?.valueMinor ?? null,
        currency: entry?.currency ?? null,
        hsCode: entry?.hsCode ?? null,
        descriptionEn: entry?.nameEn ?? item.productName,
        originCountry: entry?.originCountry ?? null,
      };
    })
    .filter((line) => line.quantity > 0);
}
