import { dirname, join, resolve } from 'node:path';
import type { MarketplaceSettings } from '../../shared/contract';
import { DomainError } from '../../shared/result';
import { openDatabase, schemaVersion } from '../db/open';
import { createStore } from '../db/store';
import type { Store } from '../db/store';
import { createDispatcher } from '../ipc/dispatcher';
import type { Handlers, Logger } from '../ipc/dispatcher';
import { seedDemoIfEmpty } from './demo-seed';
import type { OnlineShipping } from '../shipping/online-shipping';
import { createCarrierService } from './carrier-service';
import { createManifestService } from './manifest-service';
import { createDocumentPrintService } from './document-print-service';
import { osPrintThroughCups } from './printer';
import type { OsPrinter } from './printer';
import { fileCredentialStore } from '../sync/credentials';
import type { CredentialStore } from '../sync/credentials';
import { createSyncService } from '../sync/sync-service';
import { createProductivityService } from './productivity-service';
import { createFollowUpService } from './follow-up-service';
import { createMetricsService } from './metrics-service';
import { createAfterSalesService } from './after-sales-service';
import type { MetricId } from '../../shared/metrics/definitions';
import type { SyncServiceDeps } from '../sync/sync-service';
import { printerStatus } from './printer';
import { createImportService } from './import-service';
import { createPackService } from './pack-service';
import type { Clock } from './pack-service';
import { createOperatorService } from './operator-service';
import { createPickService } from './pick-service';
import { createQueueService } from './queue-service';
import { createSettingsService } from './settings-service';

export type StationOptions = {
  dbPath: string;
  host: 'electron' | 'browser';
  version: string;
  /** Seed demo orders on first start with an empty database (the embedded default). */
  demo?: boolean;
  clock?: Clock;
  logger?: Logger;
  /** Where labels go in folder mode by default; next to the database unless given. */
  dataDir?: string;
  /**
   * Online label purchase (electron/shipping/amazon-shipping-v2.ts). Without it, services whose
   * numbers are bought online are shown as not set up and never proposed.
   */
  onlineShipping?: OnlineShipping;
  /**
   * The operating system's printers, for slips and customs forms on an office printer. The
   * desktop app gives Electron's print API; by default CUPS `lp` (Linux, macOS).
   */
  osPrinter?: OsPrinter;
  /**
   * Where the marketplace credentials are kept: the desktop app passes the keychain-encrypted
   * store; by default a file readable only by this user, next to the database.
   */
  credentials?: CredentialStore;
  /** Tests and benchmarks: their own SP-API client (loopback endpoints, rates, clock). */
  syncClient?: SyncServiceDeps['makeClient'];
  /** Tests and benchmarks: how long a cycle polls a feed and waits for the pull's rate limit. */
  syncTiming?: Partial<Pick<SyncServiceDeps, 'feedPollBudgetMs' | 'pullWaitBudgetMs'>>;
  /** Run sync cycles in the background while the station is open (the app and `serve`; not tests). */
  backgroundSync?: boolean;
  /** Marketplace settings for this run only (`packbench sync --settings`, environment), not saved. */
  marketplaceOverride?: Partial<MarketplaceSettings>;
};

/** The station's services over one database, and the handlers both transports serve. */
export function openStation(options: StationOptions) {
  const clock = options.clock ?? (() => new Date());
  const dbPath = options.dbPath === ':memory:' ? ':memory:' : resolve(options.dbPath);
  const db = openDatabase({ path: dbPath });
  const store: Store = createStore(db);
  const dataDir = options.dataDir ?? (dbPath === ':memory:' ? process.cwd() : dirname(dbPath));
  if (options.demo ?? true) seedDemoIfEmpty(store, clock());
  const settings = createSettingsService(store, dataDir);
  const operators = createOperatorService(store, clock, () => settings.get().idleSignOutMinutes);
  const queue = createQueueService(store);
  const manifests = createManifestService({ store, settings, clock });
  const documents = createDocumentPrintService({ store, settings, manifests, clock, osPrinter: options.osPrinter ?? osPrintThroughCups });
  const pack = createPackService({ store, settings, operators, clock, onlineShipping: options.onlineShipping ?? null, documents });
  const imports = createImportService(store, clock, (orderId, reason) => pack.applyCancellation(orderId, reason));
  const override = options.marketplaceOverride ?? {};
  const sync = createSyncService({
    store,
    settings: { get: () => ({ ...settings.get(), marketplace: { ...settings.get().marketplace, ...override } }) },
    clock,
    credentials: options.credentials ?? fileCredentialStore(join(dataDir, 'marketplace-credentials.json')),
    applyOrders: (orders) => imports.applyOrders(orders, 'sp-api'),
    onCancelled: (orderId, reason) => pack.applyCancellation(orderId, reason),
    ...(options.syncClient ? { makeClient: options.syncClient } : {}),
    ...options.syncTiming,
  });
  if (options.backgroundSync) sync.start();
  const followUp = createFollowUpService({ store, clock });
  const metrics = createMetricsService({ store });
  const afterSales = createAfterSalesService({ store, clock });
  const nowIso = () => clock().toISOString();
  const productivity = createProductivityService({ store, stationName: () => settings.get().stationName, clock });

  const picks = createPickService(store, pack, clock);
  const carriers = createCarrierService(store, operators, clock);

  /** Every carrier of the catalogue with what waits for its manifest on the day. */
  function manifestDay(day: string) {
    const carrierIds = [...new Map(store.carriers.listServices().map((service) => [service.carrierId, service.carrierName])).entries()];
    return carrierIds.map(([carrierId, carrierName]) => {
      const waiting = manifests.packagesForManifest(carrierId, day);
      return {
        carrierId,
        carrierName,
        waiting: waiting.length,
        waitingWeightG: waiting.reduce((sum, pkg) => sum + pkg.weightG, 0),
        closed: store.manifests.ofDay(carrierId, day).map((manifest) => ({
          id: manifest.id,
          closedAt: manifest.closedAt,
          closedBy: manifest.closedBy,
          packageCount: manifest.packageCount,
          totalWeightG: manifest.totalWeightG,
        })),
      };
    });
  }

  const asFile = (file: { fileName: string; mime: string; content: Uint8Array }) => ({ fileName: file.fileName, mime: file.mime, base64: Buffer.from(file.content).toString('base64') });
  // A number issued and never put on a label (the bench died in between) is recorded as
  // orphaned at start-up, before anything can be allocated again.
  const orphaned = carriers.recordOrphans();
  if (orphaned > 0) (options.logger ?? console).error(`${orphaned} tracking number(s) were issued but never labelled; recorded as orphaned`);

  /** Figures about people (the shift report) are a supervisor's. */
  const supervisorOnly = (what: string) => {
    const operator = operators.require();
    if (operator.role !== 'supervisor') throw new DomainError('SUPERVISOR_REQUIRED', `Only a supervisor can ${what}.`);
  };

  const handlers: Handlers = {
    'app:info': () => ({ version: options.version, host: options.host, dbPath, schemaVersion: schemaVersion(db) }),
    'settings:get': () => settings.get(),
    'settings:update': (input) => {
      // The language is anyone's choice, even before signing in; the rest is recorded work,
      // and the rules of the bench (idle sign-out, reason lists) are a supervisor's.
      const keys = Object.keys(input).filter((key) => (input as Record<string, unknown>)[key] !== undefined);
      if (keys.some((key) => key !== 'language')) {
        const operator = operators.require();
        const supervisorKeys = ['idleSignOutMinutes', 'overrideReasons', 'shortReasons', 'choice', 'serviceOverrideReasons', 'marketplace'];
        // The settings form sends every field; only a supervisor-only value that changes needs one.
        const current = settings.get() as Record<string, unknown>;
        const changes = (key: string) => JSON.stringify((input as Record<string, unknown>)[key]) !== JSON.stringify(current[key]);
        if (keys.some((key) => supervisorKeys.includes(key) && changes(key)) && operator.role !== 'supervisor') {
          throw new DomainError('SUPERVISOR_REQUIRED', 'Only a supervisor can change idle sign-out and the reason lists.');
        }
      }
      return settings.update(input);
    },
    'orders:queue': (input) => queue.queue(input.search),
    'orders:find': (input) => queue.find(input.code),
    'boxes:list': () =>
      store.boxes.list().map((box) => ({
        id: box.id,
        nameEn: box.nameEn,
        nameZh: box.nameZh,
        innerLengthMm: box.innerLengthMm,
        innerWidthMm: box.innerWidthMm,
        innerHeightMm: box.innerHeightMm,
        outerLengthMm: box.outerLengthMm,
        outerWidthMm: box.outerWidthMm,
        outerHeightMm: box.outerHeightMm,
        tareG: box.tareG,
        maxLoadG: box.maxLoadG,
        hotkey: box.hotkey,
      })),
    'operators:list': () => operators.list(),
    'operators:current': () => operators.current(),
    'operators:signIn': (input) => operators.signIn(input),
    'operators:signOut': () => {
      operators.signOut();
      return {};
    },
    'operators:save': (input) => operators.save(input),
    'orders:history': (input) => pack.history(input.orderId),
    'orders:cancel': (input) => pack.cancelOrder(input),
    'orders:pullList': () => pack.pullList(),
    'orders:confirmPulled': (input) => pack.confirmPulled(input),
    'pick:list': (input) => picks.pickList(input.orderIds),
    'pack:open': (input) => pack.open(input),
    'pack:scan': (input) => pack.scan(input),
    'pack:command': (input) => pack.command(input),
    'pack:quantity': (input) => pack.quantity(input),
    'pack:override': (input) => pack.override(input),
    'pack:setBox': (input) => pack.setBox(input),
    'pack:setWeight': (input) => pack.setWeight(input),
    'pack:weightOverride': (input) => pack.weightOverride(input),
    'pack:setInsurance': (input) => pack.setInsurance(input),
    'catalog:weightSuggestions': () => pack.weightSuggestions(),
    'catalog:applyWeight': (input) => pack.applyCatalogWeight(input),
    'pack:printLabel': (input) => pack.printLabel(input),
    'pack:retryPrint': (input) => pack.retryPrint(input.orderId),
    'pack:printDocument': (input) => pack.printDocument(input),
    'labels:get': (input) => {
      operators.require();
      return pack.labelDocument(input);
    },
    'import:start': (input) => {
      operators.require();
      return imports.start(input);
    },
    'import:status': (input) => imports.status(input.jobId),
    'printer:status': async () => {
      operators.require();
      const printer = settings.get().printer;
      if (printer.mode !== 'tcp') return { supported: false, reachable: false, ready: false, problems: [], detail: null };
      const status = await printerStatus(printer.host, printer.port, Math.min(printer.timeoutMs, 3000));
      if (!status.reachable) {
        return { supported: true, reachable: false, ready: false, problems: ['no-answer' as const], detail: status.error };
      }
      const problems = [
        ...(status.paperOut ? (['paper-out'] as const) : []),
        ...(status.paused ? (['paused'] as const) : []),
        ...(status.headOpen ? (['head-open'] as const) : []),
        ...(status.ribbonOut ? (['ribbon-out'] as const) : []),
        ...(status.bufferFull ? (['buffer-full'] as const) : []),
        ...(status.underTemperature || status.overTemperature ? (['temperature'] as const) : []),
      ];
      return { supported: true, reachable: true, ready: status.ready, problems, detail: null };
    },
    'documents:preview': (input) => {
      operators.require();
      return manifests.previewModels(input.orderId);
    },
    'documents:get': async (input) => {
      operators.require();
      return asFile(await manifests.documentFor(input.orderId, input.doc, input.format, settings.get().labelDpi));
    },
    'manifest:day': (input) => {
      operators.require();
      return manifestDay(input.day);
    },
    'manifest:closeOut': async (input) => {
      const operator = operators.require();
      await manifests.closeOut(input.carrierId, input.day, operator.name);
      return manifestDay(input.day);
    },
    'manifest:document': async (input) => {
      operators.require();
      return asFile(await manifests.manifestDocument(input.carrierId, input.day, input.format));
    },
    'carriers:list': () => {
      operators.require();
      return carriers.catalog();
    },
    'carriers:import': (input) => carriers.importCatalog(input),
    'carriers:export': () => {
      operators.require();
      return carriers.exportCatalog();
    },
    'carriers:saveService': (input) => carriers.saveService(input.service),
    'carriers:addRange': (input) => carriers.addRange(input),
    'carriers:importRanges': (input) => carriers.importRanges(input.csv),
    // Read by the queue's alerts for everyone; the dashboard itself is a supervisor's screen.
    'metrics:report': (input) => {
      operators.require();
      return metrics.all(input.at ?? nowIso());
    },
    'metrics:drillDown': (input) => {
      supervisorOnly('see the orders behind a metric');
      const { rows, total } = metrics.drillDown(input.metricId, input.at ?? nowIso(), { limit: input.limit ?? 50, offset: input.offset ?? 0 });
      return { rows, total };
    },
    'metrics:trends': (input) => {
      supervisorOnly('see the metric trends');
      // Each day's figure as it stood at the end of that day: one report per day.
      const end = Date.parse(input.at ?? nowIso());
      const points = new Map<string, Array<{ at: string; rate: number | null; status: 'green' | 'amber' | 'red' | 'no-data' }>>();
      for (let day = input.days - 1; day >= 0; day -= 1) {
        const at = new Date(end - day * 24 * 3600_000).toISOString();
        for (const result of metrics.all(at).metrics) {
          const list = points.get(result.id) ?? [];
          list.push({ at, rate: result.rate, status: result.status });
          points.set(result.id, list);
        }
      }
      return [...points.entries()].map(([metricId, list]) => ({ metricId: metricId as MetricId, points: list }));
    },
    'tracking:followUp': () => {
      operators.require();
      return followUp.list(settings.get().marketplace.noScanAfterHours);
    },
    'productivity:shift': (input) => {
      supervisorOnly('see the shift report');
      return productivity.shift(input.from, input.to);
    },
    'productivity:shiftReport': async (input) => {
      supervisorOnly('see the shift report');
      return asFile(await productivity.report(input.from, input.to, input.format));
    },
    'aftersales:get': (input) => {
      operators.require();
      return afterSales.afterSalesOf(input.orderId);
    },
    // A parcel that came back is handled at the bench by whoever opens it; money, new
    // shipments and the defect record are a supervisor's.
    'aftersales:return': (input) => afterSales.recordReturn(input, operators.require().name),
    'aftersales:refund': (input) => {
      supervisorOnly('record a refund');
      return afterSales.recordRefund(input, operators.require().name);
    },
    'aftersales:replacement': (input) => {
      supervisorOnly('send a replacement');
      return afterSales.createReplacement(input, operators.require().name);
    },
    'aftersales:defect': (input) => {
      supervisorOnly('record feedback, claims and chargebacks');
      return afterSales.recordDefect(input);
    },
    'aftersales:claimStatus': (input) => {
      supervisorOnly('record the decision on a claim');
      return afterSales.setClaimStatus(input);
    },
    'sync:status': () => {
      operators.require();
      return sync.status();
    },
    'sync:run': async () => {
      operators.require();
      const cycle = await sync.runOnce();
      return { cycle, status: sync.status() };
    },
    'sync:retry': (input) => {
      operators.require();
      return sync.retry(input.jobId);
    },
    'sync:exportFile': () => {
      const operator = operators.require();
      const exported = sync.exportFile(operator.name);
      return {
        exportId: exported.exportId,
        jobCount: exported.jobCount,
        file: { fileName: exported.fileName, mime: 'text/tab-separated-values', base64: Buffer.from(exported.content, 'utf8').toString('base64') },
      };
    },
    'sync:markUploaded': (input) => sync.markUploaded(input.exportId, operators.require().name),
    'sync:setCredentials': (input) => {
      const operator = operators.require();
      if (operator.role !== 'supervisor') throw new DomainError('SUPERVISOR_REQUIRED', 'Only a supervisor can enter the marketplace credentials.');
      return sync.setCredentials(input);
    },
  };

  const dispatch = createDispatcher(handlers, options.logger ?? console);
  return {
    store,
    settings,
    queue,
    pack,
    operators,
    imports,
    carriers,
    dispatch,
    dbPath,
    sync,
    close: () => {
      sync.stop();
      db.close();
    },
  };
}

export type Station = ReturnType<typeof openStation>;
