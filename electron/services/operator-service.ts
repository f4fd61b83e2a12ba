import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Operator } from '../../shared/contract';
import { DomainError } from '../../shared/result';
import type { Store } from '../db/store';
import type { OperatorRecord } from '../db/repositories/operators';
import type { Clock } from './pack-service';

// Operators sign in with a badge scan or a name and PIN. PINs are short, so they are stored
// only as a salted scrypt hash (slow on purpose) and a run of wrong PINs locks the name.

const SCRYPT = { N: 1 << 15, r: 8, p: 1, keyLength: 32 } as const;
const MAX_FAILED_PINS = 5;
const LOCK_MINUTES = 5;
/** Unknown badges in a row before badge sign-in and approval pause: stops guessing badge codes. */
const MAX_UNKNOWN_BADGES = 5;
const BADGE_PAUSE_SECONDS = 60;

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(pin, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}

export type Credentials = { badge: string } | { name: string; pin: string };

function publicOperator(record: OperatorRecord): Operator {
  return { name: record.name, role: record.role };
}

export function createOperatorService(store: Store, clock: Clock, idleMinutes: () => number) {
  let current: OperatorRecord | null = null;
  let lastActivity = 0;
  let signedOutForIdle = false;
  let unknownBadges = 0;
  let badgesPausedUntil = 0;

  function verify(credentials: Credentials): OperatorRecord {
    const now = clock();
    if ('badge' in credentials) {
      if (now.getTime() < badgesPausedUntil) {
        throw new DomainError('BADGE_SIGN_IN_PAUSED', 'Too many unknown badges in a row; badge sign-in is paused for a minute.', {
          until: new Date(badgesPausedUntil).toISOString(),
        });
      }
      const found = store.operators.byBadge(credentials.badge.trim());
      if (!found || !found.active) {
        unknownBadges += 1;
        if (unknownBadges >= MAX_UNKNOWN_BADGES) {
          unknownBadges = 0;
          badgesPausedUntil = now.getTime() + BADGE_PAUSE_SECONDS * 1000;
        }
        throw new DomainError('OPERATOR_UNKNOWN_BADGE', 'This badge is not known at this station; ask a supervisor to register it.');
      }
      unknownBadges = 0;
      return found;
    }
    const found = store.operators.byName(credentials.name.trim());
    if (!found || !found.active || !found.pinHash) {
      throw new DomainError('OPERATOR_UNKNOWN', `There is no active operator called ${credentials.name} with a PIN.`, { name: credentials.name });
    }
    if (found.lockedUntil && found.lockedUntil > now.toISOString()) {
      throw new DomainError('OPERATOR_LOCKED', `Too many wrong PINs for ${found.name}; try again after ${found.lockedUntil} or ask a supervisor.`, {
        name: found.name,
        until: found.lockedUntil,
      });
    }
    if (!verifyPin(credentials.pin, found.pinHash)) {
      const failures = found.failedAttempts + 1;
      const lockedUntil = failures >= MAX_FAILED_PINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
      store.operators.setFailures(found.id, lockedUntil ? 0 : failures, lockedUntil);
      throw new DomainError('OPERATOR_BAD_PIN', 'Wrong PIN. Try again.', { name: found.name, attemptsLeft: MAX_FAILED_PINS - failures });
    }
    if (found.failedAttempts > 0 || found.lockedUntil) store.operators.setFailures(found.id, 0, null);
    return found;
  }

  function expireIfIdle(): void {
    const minutes = idleMinutes();
    if (current && minutes > 0 && clock().getTime() - lastActivity > minutes * 60_000) {
      current = null;
      signedOutForIdle = true;
    }
  }

  return {
    signIn(credentials: Credentials): Operator {
      const operator = verify(credentials);
      current = operator;
      lastActivity = clock().getTime();
      signedOutForIdle = false;
      return publicOperator(operator);
    },
    signOut(): void {
      current = null;
      signedOutForIdle = false;
    },
    current(): Operator | null {
      expireIfIdle();
      return current ? publicOperator(current) : null;
    },
    /** The operator every bench action is recorded under; activity keeps the sign-in alive. */
    require(): Operator {
      expireIfIdle();
      if (!current) {
        throw signedOutForIdle
          ? new DomainError('SIGNED_OUT_IDLE', 'You were signed out after a period without activity. Scan your badge to continue.')
          : new DomainError('NOT_SIGNED_IN', 'Sign in first: scan your badge or type your name and PIN.');
      }
      lastActivity = clock().getTime();
      return publicOperator(current);
    },
    /** The supervisor who approves an override: the signed-in one, or one who identifies now. */
    approvingSupervisor(credentials?: Credentials): Operator {
      const signedIn = this.require();
      if (signedIn.role === 'supervisor') return signedIn;
      if (!credentials) throw new DomainError('SUPERVISOR_REQUIRED', 'A supervisor must approve this: scan a supervisor badge or enter a supervisor PIN.');
      const approver = verify(credentials);
      if (approver.role !== 'supervisor') {
        throw new DomainError('SUPERVISOR_REQUIRED', `${approver.name} is not a supervisor; a supervisor must approve this.`);
      }
      return publicOperator(approver);
    },
    list(): Operator[] {
      return store.operators.list().filter((operator) => operator.active).map(publicOperator);
    },
    save(input: { name: string; role: 'packer' | 'supervisor'; pin?: string; badge?: string | null; active?: boolean }): Operator {
      const actor = this.require();
      if (actor.role !== 'supervisor') throw new DomainError('SUPERVISOR_REQUIRED', 'Only a supervisor can add or change operators.');
      const existing = store.operators.byName(input.name);
      if (input.badge) {
        const holder = store.operators.byBadge(input.badge);
        if (holder && holder.name !== input.name) {
          throw new DomainError('BADGE_TAKEN', `Badge ${input.badge} already belongs to ${holder.name}.`, { badge: input.badge, name: holder.name });
        }
      }
      const saved = store.operators.save(
        {
          name: input.name,
          role: input.role,
          active: input.active ?? existing?.active ?? true,
          pinHash: input.pin ? hashPin(input.pin) : null,
          badge: input.badge === undefined ? (existing?.badge ?? null) : input.badge,
        },
        clock().toISOString(),
      );
      return publicOperator(saved);
    },
  };
}

export type OperatorService = ReturnType<typeof createOperatorService>;
