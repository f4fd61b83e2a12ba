import type { Db } from './open';
import { createAfterSalesRepo } from './repositories/after-sales';
import { createBoxesRepo } from './repositories/boxes';
import { createCarriersRepo } from './repositories/carriers';
import { createCatalogRepo } from './repositories/catalog';
import { createEventsRepo } from './repositories/events';
import { createImportsRepo } from './repositories/imports';
import { createManifestsRepo } from './repositories/manifests';
import { createMetricsRepo } from './repositories/metrics';
import { createOperatorsRepo } from './repositories/operators';
import { createOrdersRepo } from './repositories/orders';
import { createOutboxRepo } from './repositories/outbox';
import { createOverridesRepo } from './repositories/overrides';
import { createServiceChoicesRepo } from './repositories/service-choices';
import { createSettingsRepo } from './repositories/settings';
import { createShipmentsRepo } from './repositories/shipments';
import { createSyncRepo } from './repositories/sync';

/** Every repository over one writer connection, statements prepared once. */
export function createStore(db: Db) {
  return {
    db,
    orders: createOrdersRepo(db),
    catalog: createCatalogRepo(db),
    boxes: createBoxesRepo(db),
    carriers: createCarriersRepo(db),
    shipments: createShipmentsRepo(db),
    events: createEventsRepo(db),
    outbox: createOutboxRepo(db),
    overrides: createOverridesRepo(db),
    choices: createServiceChoicesRepo(db),
    operators: createOperatorsRepo(db),
    settings: createSettingsRepo(db),
    imports: createImportsRepo(db),
    manifests: createManifestsRepo(db),
    sync: createSyncRepo(db),
    metrics: createMetricsRepo(db),
    afterSales: createAfterSalesRepo(db),
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    /**
     * BEGIN IMMEDIATE: takes the write lock before the first read, so a check-then-write (a
     * retried scan id) cannot race another process sharing the database file.
     */
    writeTransaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
    /** Changes when another connection (another PackBench process) has committed. */
    dataVersion(): number {
      return db.pragma('data_version', { simple: true }) as number;
    },
  };
}

export type Store = ReturnType<typeof createStore>;
