// The shape of the metrics as the main process returns them (CLI, and later the dashboard).

import { METRIC_DEFINITIONS, metricStatus, targetOf } from './definitions';
import type { MetricId, MetricStatus, MetricTarget, MetricsConfig, NumeratorSense } from './definitions';
import type { MetricWindow } from './window';

export type MetricResult = {
  id: MetricId;
  label: string;
  window: MetricWindow;
  unit: 'orders' | 'packages';
  /** What the numerator counts: 'bad' (defects, cancellations, late) or 'good' (valid, on time, acknowledged). */
  counts: NumeratorSense;
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator; null with no orders or packages in the window. */
  rate: number | null;
  target: MetricTarget;
  status: MetricStatus;
};

export type HandlingTimeResult = {
  id: 'handling-time';
  label: string;
  window: MetricWindow;
  /** Orders whose (last) confirmation reached Amazon in the window. */
  orders: number;
  /** Hours from purchase to the confirmation reaching Amazon; null with no orders. */
  medianHours: number | null;
  p90Hours: number | null;
};

export type MetricsReport = {
  at: string;
  amberFraction: number;
  metrics: MetricResult[];
  handlingTime: HandlingTimeResult;
};

/** One order or package that hurt a figure, and why. */
export type DrillDownRow = {
  orderId: string;
  packageId: number | null;
  /** A code: 'late', 'not-confirmed', 'seller-cancelled', 'feedback', 'a-to-z-claim', 'chargeback', a NumberCheck, … */
  reason: string;
  /** The times that decided it (purchase, deadline, confirmation, promise, delivery, …). */
  times: Record<string, string | null>;
};

export function metricResult(id: MetricId, window: MetricWindow, numerator: number, denominator: number, config: MetricsConfig): MetricResult {
  const definition = METRIC_DEFINITIONS[id];
  const target = targetOf(id, config);
  return {
    id,
    label: definition.label,
    window,
    unit: definition.unit,
    counts: definition.numerator,
    numerator,
    denominator,
    rate: denominator === 0 ? null : numerator / denominator,
    target,
    status: metricStatus(numerator, denominator, target, config.amberFraction),
  };
}
