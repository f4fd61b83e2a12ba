import { existsSync } from 'node:fs';
import { openDatabase } from '../db/open';
import { createStore } from '../db/store';
import { METRIC_IDS } from '../../shared/metrics/definitions';
import type { MetricTarget } from '../../shared/metrics/definitions';
import type { MetricResult, MetricsReport } from '../../shared/metrics/report';
import { createMetricsService, isMetricId } from '../services/metrics-service';

/**
 * `packbench metrics --db PATH [--at ISO-TIME] [--json] [--drill METRIC [--limit N] [--offset N]]`:
 * every seller metric as of `at` (default: now) with its numerator, denominator, window and
 * target; or the orders behind one figure. Exit 0, or 2 for wrong arguments or no database.
 */

export type MetricsRunOptions = {
  dbPath: string;
  at: string | undefined;
  json: boolean;
  drill: string | undefined;
  limit: string | undefined;
  offset: string | undefined;
};

type Io = { out: (line: string) => void; err: (line: string) => void };

function percent(value: number): string {
  return `${Number((value * 100).toFixed(2))} %`;
}

function targetText(target: MetricTarget): string {
  const sign = target.condition === 'LESS_THAN' ? '<' : target.condition === 'GREATER_THAN' ? '>' : '=';
  return `${sign} ${percent(target.value)}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

function metricLine(m: MetricResult): string {
  return [
    pad(m.label, 32),
    pad(`${m.window.days} d`, 6),
    pad(`${m.numerator} / ${m.denominator} ${m.unit}`, 28),
    pad(m.rate === null ? '—' : percent(m.rate), 10),
    pad(targetText(m.target), 10),
    m.status.toUpperCase(),
  ].join('');
}

export function describeReport(report: MetricsReport): string[] {
  const h = report.handlingTime;
  const hours = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} h`);
  return [
    `Seller metrics at ${report.at} (amber from ${Math.round(report.amberFraction * 100)} % of the way to the limit)`,
    [pad('Metric', 32), pad('Days', 6), pad('Numerator / denominator', 28), pad('Rate', 10), pad('Target', 10), 'Status'].join(''),
    ...report.metrics.map(metricLine),
    `${h.label}, ${h.window.days} d: ${h.orders} orders, median ${hours(h.medianHours)}, p90 ${hours(h.p90Hours)}`,
  ];
}

function wholeNumber(text: string | undefined, fallback: number): number | null {
  if (text === undefined) return fallback;
  return /^[0-9]+$/.test(text) ? Number(text) : null;
}

export function runMetrics(options: MetricsRunOptions, io: Io): number {
  const at = options.at ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(at))) {
    io.err(`--at must be a date and time like 2026-11-26T00:00:00Z, not "${at}".`);
    return 2;
  }
  if (options.drill !== undefined && !isMetricId(options.drill)) {
    io.err(`--drill must be one of ${METRIC_IDS.join(', ')}, not "${options.drill}".`);
    return 2;
  }
  const limit = wholeNumber(options.limit, 50);
  const offset = wholeNumber(options.offset, 0);
  if (limit === null || limit < 1 || offset === null) {
    io.err('--limit must be a whole number of 1 or more and --offset one of 0 or more.');
    return 2;
  }
  if (!existsSync(options.dbPath)) {
    io.err(`There is no station database at ${options.dbPath}: give it with --db PATH.`);
    return 2;
  }
  const db = openDatabase({ path: options.dbPath });
  try {
    const metrics = createMetricsService({ store: createStore(db) });
    if (options.drill !== undefined && isMetricId(options.drill)) {
      const page = metrics.drillDown(options.drill, at, { limit, offset });
      if (options.json) {
        io.out(JSON.stringify(page));
        return 0;
      }
      io.out(metricLine(page.metric));
      io.out(`${page.total} ${page.metric.unit} hurt this figure; ${offset + 1}–${offset + page.rows.length}:`);
      for (const row of page.rows) {
        const times = Object.entries(row.times)
          .map(([name, time]) => `${name} ${time ?? '—'}`)
          .join(', ');
        io.out(`  ${row.orderId}${row.packageId === null ? '' : ` package ${row.packageId}`}\t${row.reason}\t${times}`);
      }
      return 0;
    }
    const report = metrics.all(at);
    if (options.json) io.out(JSON.stringify(report));
    else for (const line of describeReport(report)) io.out(line);
    return 0;
  } finally {
    db.close();
  }
}
