import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recognizeTrackingNumber } from '../../shared/domain/tracking';
import { DomainError } from '../../shared/result';
import { startHost } from '../host/server';
import { defaultDbPath } from '../paths';
import { importCarrierCatalog, importTrackingRanges } from '../services/carrier-service';
import { createManifestService } from '../services/manifest-service';
import type { DocumentKind } from '../services/manifest-service';
import { openStation } from '../services/station';
import { runMetrics } from './metrics-command';
import { runSyncOnce } from './sync-command';
import { rangeStatuses } from '../services/tracking-allocator';
import { appVersion } from '../version';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const USAGE = `PackBench — packing bench for merchant-fulfilled orders

Usage: packbench <command> [options]

Commands:
  serve                      start browser mode on 127.0.0.1 and print the address to open
  import-orders FILE         import an Amazon "Unshipped Orders" report (tab-separated)
  import-catalog FILE        import a catalogue CSV
  overrides-report           print every override (reason, operator, supervisor) as CSV
                             [--from ISO-TIME] [--to ISO-TIME]
  import-carriers FILE [RATES]
                             replace the carrier catalogue from a JSON file, or from a services
                             CSV and a rates CSV; nothing changes when the file has an error
  import-ranges FILE         add carrier-assigned tracking-number ranges from a CSV
                             (service_id,prefix,suffix,first,last[,reference,low_warning_at])
  tracking-check NUMBER…     check tracking numbers (or --file F, one per line): the carrier and
                             format recognised, or why a number is not valid; exits 1 if any is not
  label ORDER_ID             write a document of an already-packed order to a file, for reprints
                             and scripts: --format zpl|pdf --out FILE [--dpi 203|300; default:
                             the label as printed, else the station's label resolution]
                             [--doc label|slip|customs] [--page 4x6|a6|a4 (slip, customs)]
  label --doc manifest       write a carrier's end-of-day manifest: --carrier ID --day YYYY-MM-DD
                             --format pdf|csv --out FILE (the latest closed one, else a draft)
  manifest-close             close a carrier's day: --carrier ID --day YYYY-MM-DD --by NAME
                             [--service ID]; its packages can then no longer be voided
  sync --once                one marketplace sync cycle (pull orders, push confirmations) and
                             what it did; [--settings FILE] JSON with "marketplace" settings and a
                             "credentialsFile"; or PACKBENCH_SPAPI_ENDPOINT, PACKBENCH_LWA_ENDPOINT,
                             PACKBENCH_MARKETPLACE_ID, PACKBENCH_LWA_CLIENT_ID/_SECRET/_REFRESH_TOKEN
  metrics                    the seller metrics (order defect, cancel, late shipment, valid
                             tracking, on-time delivery, 24-hour acknowledgement, handling
                             time) with numerator, denominator, window, target and status;
                             [--at ISO-TIME] (default: now) [--json]
                             [--drill METRIC [--limit N] [--offset N]]: the orders behind one
  help                       show this text

Options:
  --db PATH                  the station database (default: ${defaultDbPath()})
  --port N                   browser mode port (default: 4820; 0 picks a free one)
  --no-demo                  do not seed demo data into an empty database
`;

type Parsed = { command: string | undefined; positional: string[]; flags: Map<string, string | true> };

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) flags.set(key, inline);
      else if (key.startsWith('no-') || argv[i + 1] === undefined || (argv[i + 1] as string).startsWith('--')) flags.set(key, true);
      else {
        flags.set(key, argv[i + 1] as string);
        i += 1;
      }
    } else positional.push(arg);
  }
  return { command: positional.shift(), positional, flags };
}

function flag(parsed: Parsed, name: string): string | undefined {
  const value = parsed.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

type Io = { out: (line: string) => void; err: (line: string) => void };

const consoleIo: Io = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

async function runImport(kind: 'orders' | 'catalog', parsed: Parsed, io: Io): Promise<number> {
  const file = parsed.positional[0];
  if (!file) {
    io.err(`import-${kind}: name the file to import, e.g. packbench import-${kind} report.txt --db bench.db`);
    return 2;
  }
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const station = openStation({ dbPath: flag(parsed, 'db') ?? defaultDbPath(), host: 'browser', version: appVersion(join(ROOT, 'package.json')), demo: false });
  try {
    let lastShown = 0;
    const job = await station.imports.runToEnd(kind, basename(file), content, (progress) => {
      if (progress.total >= 1000 && progress.processed - lastShown >= progress.total / 10) {
        lastShown = progress.processed;
        io.err(`  ${progress.processed} / ${progress.total}`);
      }
    });
    if (job.state === 'failed') {
      io.err(`${file}: ${job.error?.message ?? 'import failed'} [${job.error?.code ?? 'IMPORT_FAILED'}]`);
      return 1;
    }
    const noun = kind === 'orders' ? 'orders' : 'catalogue items';
    io.out(`${file}: ${job.total} ${noun} read — ${job.inserted} new, ${job.updated} updated, ${job.unchanged} unchanged, ${job.skipped} skipped; ${job.rowErrors.length} problem(s).`);
    for (const rowError of job.rowErrors) {
      io.out(`  ${rowError.line > 0 ? `line ${rowError.line}` : 'file'}: ${rowError.message} [${rowError.code}]`);
    }
    return job.inserted + job.updated + job.unchanged > 0 ? 0 : 1;
  } finally {
    station.close();
  }
}

function readText(file: string, io: Io): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return null;
  }
}

function openForImport(parsed: Parsed) {
  return openStation({ dbPath: flag(parsed, 'db') ?? defaultDbPath(), host: 'browser', version: appVersion(join(ROOT, 'package.json')), demo: false });
}

function importCarriers(parsed: Parsed, io: Io): number {
  const [file, rates] = parsed.positional;
  if (!file) {
    io.err('import-carriers: name the catalogue, e.g. packbench import-carriers carriers.json --db bench.db (or services.csv rates.csv)');
    return 2;
  }
  const first = readText(file, io);
  const second = rates === undefined ? '' : readText(rates, io);
  if (first === null || second === null) return 2;
  const station = openForImport(parsed);
  try {
    const result = importCarrierCatalog(station.store, rates === undefined ? { format: 'json', json: first } : { format: 'csv', servicesCsv: first, ratesCsv: second });
    for (const problem of [...result.errors, ...result.warnings]) {
      const where = [problem.file, problem.line === undefined ? null : `line ${problem.line}`, problem.path].filter(Boolean).join(' ');
      io.out(`  ${result.errors.includes(problem) ? 'error' : 'warning'}${where ? ` (${where})` : ''}: ${problem.message} [${problem.code}]`);
    }
    if (!result.ok) {
      io.err(`${file}: not imported, ${result.errors.length} error(s); the catalogue is unchanged.`);
      return 1;
    }
    io.out(`${file}: ${result.saved} service(s) saved, ${result.deactivated} no longer in the catalogue deactivated.`);
    return 0;
  } finally {
    station.close();
  }
}

function importRanges(parsed: Parsed, io: Io): number {
  const [file] = parsed.positional;
  if (!file) {
    io.err('import-ranges: name the range file, e.g. packbench import-ranges ranges.csv --db bench.db');
    return 2;
  }
  const csv = readText(file, io);
  if (csv === null) return 2;
  const station = openForImport(parsed);
  try {
    const result = importTrackingRanges(station.store, csv, new Date().toISOString());
    for (const error of result.errors) io.out(`  line ${error.line}: ${error.message} [${error.code}]`);
    if (!result.ok) {
      io.err(`${file}: no range added (${result.errors.length} problem(s)).`);
      return 1;
    }
    io.out(`${file}: ${result.added} range(s) added.`);
    for (const status of rangeStatuses(station.store)) {
      io.out(`  ${status.serviceId}: ${status.remaining} number(s) left${status.low ? ` — LOW (warning at ${status.lowWarningAt})` : ''}`);
    }
    return 0;
  } finally {
    station.close();
  }
}

/** Checks numbers before a range or a file of them is imported: one line per number. */
function trackingCheck(parsed: Parsed, io: Io): number {
  const file = flag(parsed, 'file');
  let numbers = [...parsed.positional];
  if (file) {
    try {
      // One number per line; blank lines and # comments are skipped.
      numbers = numbers.concat(
        readFileSync(file, 'utf8')
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== '' && !line.startsWith('#')),
      );
    } catch (error) {
      io.err(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return 2;
    }
  }
  if (numbers.length === 0) {
    io.err('tracking-check: give tracking numbers, e.g. packbench tracking-check RR123456785CN, or --file numbers.txt');
    return 2;
  }
  let invalid = 0;
  for (const number of numbers) {
    const result = recognizeTrackingNumber(number);
    if (result.ok) {
      io.out(`${number}\tvalid\t${result.carrier} ${result.format}${result.country ? ` (${result.country})` : ''}`);
    } else {
      invalid += 1;
      io.out(`${number}\tINVALID\t${result.message} [${result.code}]`);
    }
  }
  io.err(`${numbers.length - invalid} valid, ${invalid} invalid.`);
  return invalid > 0 ? 1 : 0;
}

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function overridesReport(parsed: Parsed, io: Io): number {
  const from = flag(parsed, 'from') ?? '0000-01-01T00:00:00.000Z';
  const to = flag(parsed, 'to') ?? '9999-12-31T23:59:59.999Z';
  for (const [name, value] of [['--from', from], ['--to', to]] as const) {
    if (Number.isNaN(Date.parse(value))) {
      io.err(`${name} must be a date and time like 2026-11-26T00:00:00Z, not "${value}".`);
      return 2;
    }
  }
  const station = openStation({ dbPath: flag(parsed, 'db') ?? defaultDbPath(), host: 'browser', version: appVersion(join(ROOT, 'package.json')), demo: false });
  try {
    const rows = station.store.overrides.between(new Date(from).toISOString(), new Date(to).toISOString());
    io.out('at,kind,operator,supervisor,order_id,package_id,order_item_id,quantity,reason_code,note');
    for (const row of rows) {
      io.out(
        [row.at, row.kind, row.operator, row.supervisor, row.orderId, row.packageId, row.orderItemId, row.quantity, row.reasonCode, row.note]
          .map(csvField)
          .join(','),
      );
    }
    return 0;
  } finally {
    station.close();
  }
}

const DOCS = ['label', 'slip', 'customs', 'manifest'] as const;
const PAGES = ['4x6', 'a6', 'a4'] as const;

function oneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

/** The database must already exist: a document of an order is never asked of an empty bench. */
function openExisting(parsed: Parsed, io: Io) {
  const dbPath = flag(parsed, 'db') ?? defaultDbPath();
  if (!existsSync(dbPath)) {
    io.err(`There is no station database at ${dbPath}: give it with --db PATH.`);
    return null;
  }
  return openStation({ dbPath, host: 'browser', version: appVersion(join(ROOT, 'package.json')), demo: false });
}

async function writeDocument(parsed: Parsed, io: Io): Promise<number> {
  const doc = flag(parsed, 'doc') ?? 'label';
  if (!oneOf(doc, DOCS)) {
    io.err(`--doc must be one of ${DOCS.join(', ')}, not "${doc}".`);
    return 2;
  }
  const out = flag(parsed, 'out');
  if (!out) {
    io.err('label: name the file to write with --out FILE.');
    return 2;
  }
  const format = flag(parsed, 'format');
  const formats = doc === 'manifest' ? ['pdf', 'csv'] : ['zpl', 'pdf'];
  if (format === undefined || !formats.includes(format)) {
    io.err(`--format must be ${formats.join(' or ')} for --doc ${doc}${format === undefined ? '' : `, not "${format}"`}.`);
    return 2;
  }
  const dpiText = flag(parsed, 'dpi');
  if (dpiText !== undefined && dpiText !== '203' && dpiText !== '300') {
    io.err(`--dpi must be 203 or 300, not "${dpiText}".`);
    return 2;
  }
  const pageText = flag(parsed, 'page');
  if (pageText !== undefined && !oneOf(pageText, PAGES)) {
    io.err(`--page must be one of ${PAGES.join(', ')}, not "${pageText}".`);
    return 2;
  }
  const orderId = parsed.positional[0];
  const carrier = flag(parsed, 'carrier');
  const day = flag(parsed, 'day');
  if (doc === 'manifest' && (!carrier || !day)) {
    io.err('label --doc manifest: give the carrier and the day, e.g. --carrier DHL --day 2026-11-26.');
    return 2;
  }
  if (doc !== 'manifest' && !orderId) {
    io.err('label: name the order, e.g. packbench label 113-1234567-1234567 --format pdf --out label.pdf --db bench.db');
    return 2;
  }
  const station = openExisting(parsed, io);
  if (!station) return 2;
  try {
    const documents = createManifestService({ store: station.store, settings: station.settings, clock: () => new Date() });
    if (doc === 'manifest') {
      const file = await documents.manifestDocument(carrier ?? '', day ?? '', format === 'csv' ? 'csv' : 'pdf');
      writeFileSync(out, file.content);
      const what =
        file.manifestId === null
          ? 'a DRAFT: the day is not closed yet'
          : `manifest ${file.manifestId}${file.closedCount > 1 ? `, the latest of ${file.closedCount} closed that day` : ''}`;
      io.out(`${out}: ${carrier ?? ''} ${day ?? ''} — ${what}.`);
      return 0;
    }
    const dpi = dpiText === undefined ? null : dpiText === '300' ? 300 : 203;
    const file = await documents.documentFor(orderId ?? '', doc as DocumentKind, format === 'zpl' ? 'zpl' : 'pdf', dpi, pageText ?? null);
    writeFileSync(out, file.content);
    io.out(`${out}: ${doc} of ${orderId ?? ''}, ${file.pages} page(s), ${format}${format === 'zpl' ? ` at ${dpiText ?? 'the station\'s'} dpi` : ''}.`);
    return 0;
  } finally {
    station.close();
  }
}

async function manifestClose(parsed: Parsed, io: Io): Promise<number> {
  const carrier = flag(parsed, 'carrier');
  const day = flag(parsed, 'day');
  const by = flag(parsed, 'by');
  if (!carrier || !day || !by) {
    io.err('manifest-close: give the carrier, the day and who closes it, e.g. --carrier DHL --day 2026-11-26 --by "Li Wei".');
    return 2;
  }
  const station = openExisting(parsed, io);
  if (!station) return 2;
  try {
    const documents = createManifestService({ store: station.store, settings: station.settings, clock: () => new Date() });
    const { manifest } = await documents.closeOut(carrier, day, by, flag(parsed, 'service') ?? null);
    io.out(`Manifest ${manifest.id}: ${manifest.packageCount} package(s), ${manifest.totalWeightG} g, ${carrier} ${day}, closed by ${by}.`);
    return 0;
  } finally {
    station.close();
  }
}

async function serve(parsed: Parsed, io: Io): Promise<number> {
  const portText = flag(parsed, 'port') ?? process.env['PACKBENCH_PORT'] ?? '4820';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`--port must be a whole number from 0 to 65535, not "${portText}".`);
    return 2;
  }
  const dbPath = flag(parsed, 'db') ?? defaultDbPath();
  const station = openStation({
    dbPath,
    host: 'browser',
    version: appVersion(join(ROOT, 'package.json')),
    demo: !parsed.flags.has('no-demo'),
    // Confirmations go out and orders come in while the bench is open (when sync is on).
    backgroundSync: true,
  });
  let host;
  try {
    host = await startHost({ dispatch: station.dispatch, rendererDir: join(ROOT, 'dist', 'renderer'), port });
  } catch (error) {
    station.close();
    const code = (error as NodeJS.ErrnoException).code;
    io.err(code === 'EADDRINUSE' ? `Port ${port} is already in use: choose another with --port N.` : `Cannot start: ${(error as Error).message}`);
    return 1;
  }
  io.out(`PackBench browser mode — database ${station.dbPath}`);
  io.out(`Open: ${host.url}`);
  const running = host;
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      void running.close().then(() => {
        station.close();
        resolveStop();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const parsed = parseArgs(argv);
  try {
    switch (parsed.command) {
      case 'serve':
        return await serve(parsed, io);
      case 'import-orders':
        return await runImport('orders', parsed, io);
      case 'import-catalog':
        return await runImport('catalog', parsed, io);
      case 'overrides-report':
        return overridesReport(parsed, io);
      case 'tracking-check':
        return trackingCheck(parsed, io);
      case 'import-carriers':
        return importCarriers(parsed, io);
      case 'import-ranges':
        return importRanges(parsed, io);
      case 'label':
        return await writeDocument(parsed, io);
      case 'manifest-close':
        return await manifestClose(parsed, io);
      case 'sync':
        if (!parsed.flags.has('once')) {
          io.err('sync: add --once (one cycle, then exit); run it from a scheduler for more.');
          return 2;
        }
        return await runSyncOnce(
          { dbPath: flag(parsed, 'db') ?? defaultDbPath(), settingsFile: flag(parsed, 'settings') ?? null, env: process.env, version: appVersion(join(ROOT, 'package.json')) },
          io,
        );
      case 'metrics':
        return runMetrics(
          { dbPath: flag(parsed, 'db') ?? defaultDbPath(), at: flag(parsed, 'at'), json: parsed.flags.has('json'), drill: flag(parsed, 'drill'), limit: flag(parsed, 'limit'), offset: flag(parsed, 'offset') },
          io,
        );
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return parsed.command === undefined ? 2 : 0;
      default:
        io.err(`Unknown command "${parsed.command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof DomainError) {
      io.err(`${error.message} [${error.code}]`);
      return 1;
    }
    throw error;
  }
}
