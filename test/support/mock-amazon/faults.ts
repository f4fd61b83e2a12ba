import { seededRandom } from '../../../shared/random';
import type { FaultKind, FaultSpec, MockOperation } from './types';

// Faults a test asks for, matched against each call in the order they were added: the first
// rule that fires decides. Probabilities draw from a seeded random, so a run is reproducible.

type FaultRule = Required<Pick<FaultSpec, 'kind' | 'operation'>> & {
  faultId: number;
  /** Firings left; Infinity for a probabilistic rule without a count. */
  remaining: number;
  probability: number | null;
  delayMs: number;
  apply: boolean;
  retryAfterSeconds: number | null;
};

export type FiredFault = { faultId: number; kind: FaultKind; delayMs: number; apply: boolean; retryAfterSeconds: number | null };

export function createFaultPlan(seed: number) {
  const random = seededRandom(seed);
  let rules: FaultRule[] = [];
  let nextId = 1;

  return {
    add(spec: FaultSpec): number {
      if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) throw new RangeError(`probability must be within 0..1, got ${spec.probability}`);
      if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times >= 1)) throw new RangeError(`times must be a positive integer, got ${spec.times}`);
      const faultId = nextId;
      nextId += 1;
      rules.push({
        faultId,
        kind: spec.kind,
        operation: spec.operation ?? 'all',
        remaining: spec.times ?? (spec.probability === undefined ? 1 : Infinity),
        probability: spec.probability ?? null,
        delayMs: spec.delayMs ?? 2000,
        apply: spec.apply ?? false,
        retryAfterSeconds: spec.retryAfterSeconds ?? null,
      });
      return faultId;
    },
    clear(): void {
      rules = [];
    },
    /** The fault this call meets, if any; using it up counts against its `times`. */
    draw(operation: MockOperation): FiredFault | null {
      for (const rule of rules) {
        if (rule.remaining <= 0 || (rule.operation !== 'all' && rule.operation !== operation)) continue;
        if (rule.probability !== null && random() >= rule.probability) continue;
        rule.remaining -= 1;
        if (rule.remaining <= 0) rules = rules.filter((r) => r !== rule);
        return { faultId: rule.faultId, kind: rule.kind, delayMs: rule.delayMs, apply: rule.apply, retryAfterSeconds: rule.retryAfterSeconds };
      }
      return null;
    },
  };
}
