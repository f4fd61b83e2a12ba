import type { CarrierCatalogView, CatalogImportInput, CatalogImportResult, RangeImportResult } from '../../shared/contract';
import type { CatalogService } from '../../shared/domain/carrier-catalog';
import { parseCarrierCatalogCsv, parseCarrierCatalogJson, serializeCarrierCatalogJson } from '../../shared/import/carrier-catalog';
import { readCsvTable } from '../../shared/import/csv';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import type { Clock } from './pack-service';
import type { OperatorService } from './operator-service';
import { addTrackingRange, rangeStatuses } from './tracking-allocator';
import type { RangeInput } from './tracking-allocator';

// The carrier catalogue and the tracking-number ranges, as a supervisor manages them in
// settings (or from the CLI): import and export the catalogue, edit one service, add ranges
// one at a time or from the carrier's file, and see which ranges run low.

export function createCarrierService(store: Store, operators: OperatorService, clock: Clock) {
  function requireSupervisor(what: string): void {
    const operator = operators.require();
    if (operator.role !== 'supervisor') throw new DomainError('SUPERVISOR_REQUIRED', `Only a supervisor can ${what}.`);
  }

  function catalog(): CarrierCatalogView {
    const statuses = new Map(rangeStatuses(store).map((status) => [status.serviceId, status]));
    const counts = store.carriers.numberCounts();
    return {
      services: store.carriers.listServices().map(({ volumetricDivisor: _divisor, ...service }) => service),
      ranges: [...statuses.values()].map((status) => ({
        serviceId: status.serviceId,
        remaining: status.remaining,
        lowWarningAt: status.lowWarningAt,
        low: status.low,
        orphaned: status.orphaned,
        ranges: status.ranges.map((range) => ({
          id: range.id,
          prefix: range.prefix,
          suffix: range.suffix,
          firstSeq: range.firstSeq,
          lastSeq: range.lastSeq,
          nextSeq: range.nextSeq,
          reference: range.reference,
          lowWarningAt: range.lowWarningAt,
        })),
      })),
      numbers: counts,
    };
  }

  function importCatalog(input: CatalogImportInput): CatalogImportResult {
    requireSupervisor('import the carrier catalogue');
    return importCarrierCatalog(store, input);
  }

  function exportCatalog(): { fileName: string; json: string } {
    const services: CatalogService[] = store.carriers.listServices().map(({ volumetricDivisor: _divisor, ...service }) => service);
    return { fileName: `carriers-${clock().toISOString().slice(0, 10)}.json`, json: serializeCarrierCatalogJson(services) };
  }

  /** One service edited in settings: validated as a catalogue of one, then saved in place. */
  function saveService(service: CatalogService): CarrierCatalogView {
    requireSupervisor('change a carrier service');
    const parsed = parseCarrierCatalogJson(JSON.stringify({ format: 'packbench-carriers', version: 1, services: [service] }));
    if (!parsed.ok) {
      const [first] = parsed.errors;
      throw new DomainError('CATALOG_INVALID', first ? first.message : 'The service is not valid.', { errors: parsed.errors.length, code: first?.code ?? null });
    }
    const [valid] = parsed.services;
    if (!valid) throw new DomainError('CATALOG_INVALID', 'The service is not valid.');
    const position = store.carriers.listServices().findIndex((existing) => existing.id === valid.id);
    store.transaction(() => store.carriers.saveService(valid, position < 0 ? store.carriers.listServices().length : position));
    return catalog();
  }

  function addRange(input: RangeInput): CarrierCatalogView {
    requireSupervisor('add a tracking-number range');
    store.writeTransaction(() => addTrackingRange(store, input, clock().toISOString()));
    return catalog();
  }

  function importRanges(csv: string): RangeImportResult {
    requireSupervisor('import tracking-number ranges');
    return importTrackingRanges(store, csv, clock().toISOString());
  }

  /** Numbers issued but never carried by a package (the bench died between the two): recorded, never reused. */
  function recordOrphans(): number {
    return store.writeTransaction(() => store.carriers.recordOrphans(clock().toISOString()));
  }

  return { catalog, importCatalog, exportCatalog, saveService, addRange, importRanges, recordOrphans };
}

class RangeImportRejected extends Error {}

export type CarrierService = ReturnType<typeof createCarrierService>;

/** Validates the whole file first; a catalogue with any error changes nothing. */
export function importCarrierCatalog(store: Store, input: CatalogImportInput): CatalogImportResult {
  const parsed = input.format === 'json' ? parseCarrierCatalogJson(input.json) : parseCarrierCatalogCsv(input.servicesCsv, input.ratesCsv);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: parsed.warnings, saved: 0, deactivated: 0 };
  const result = store.transaction(() => store.carriers.replaceCatalog(parsed.services));
  return { ok: true, errors: [], warnings: parsed.warnings, ...result };
}

/**
 * The carrier's range file: one range per line, columns service_id, prefix, suffix, first,
 * last and optionally reference and low_warning_at. All lines or none are added.
 */
export function importTrackingRanges(store: Store, csv: string, at: string): RangeImportResult {
  const parsed = readCsvTable(csv);
  if (!parsed.ok) {
    return { ok: false, added: 0, errors: [{ line: parsed.openedAt, code: 'RANGE_FILE_UNCLOSED_QUOTE', message: `A quote opened on line ${parsed.openedAt} is never closed.` }] };
  }
  const missing = ['service_id', 'prefix', 'suffix', 'first', 'last'].filter((column) => !parsed.header.includes(column));
  if (missing.length > 0) {
    return { ok: false, added: 0, errors: [{ line: 1, code: 'RANGE_FILE_COLUMNS', message: `The range file needs the columns ${missing.join(', ')}.` }] };
  }
  const errors: RangeImportResult['errors'] = [];
  let added = 0;
  try {
    store.writeTransaction(() => {
      for (const record of parsed.rows) {
        const value = (column: string) => record.values[column] ?? '';
        const lowWarning = value('low_warning_at').trim();
        if (lowWarning !== '' && !/^\d{1,8}$/.test(lowWarning)) {
          errors.push({ line: record.line, code: 'RANGE_BAD_WARNING', message: `low_warning_at must be a whole number of tracking numbers, not "${lowWarning}".` });
          continue;
        }
        try {
          addTrackingRange(
            store,
            {
              serviceId: value('service_id').trim(),
              prefix: value('prefix'),
              suffix: value('suffix'),
              first: value('first'),
              last: value('last'),
              reference: value('reference'),
              lowWarningAt: lowWarning === '' ? 200 : Number(lowWarning),
            },
            at,
          );
          added += 1;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          errors.push({ line: record.line, code: error.code, message: error.message });
        }
      }
      if (errors.length > 0) throw new RangeImportRejected();
    });
  } catch (error) {
    if (!(error instanceof RangeImportRejected)) throw error;
    return { ok: false, added: 0, errors };
  }
  return { ok: true, added, errors: [] };
}
