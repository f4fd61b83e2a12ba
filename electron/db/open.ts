import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DomainError } from '../../shared/result';
import { latestSchemaVersion, migrations } from './migrations';

export type Db = Database.Database;

export type OpenOptions = { path: string; readonly?: boolean };

/**
 * Opens the station database, applies pragmas and brings the schema up to date.
 * A database written by a newer PackBench is refused rather than guessed at: an
 * older app would silently misread tables it does not know.
 */
export function openDatabase(options: OpenOptions): Db {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path, { readonly: options.readonly ?? false });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // FULL: a scan or a label the screen shows as done must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db);
    else assertKnownVersion(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertKnownVersion(db: Db): void {
  const current = schemaVersion(db);
  if (current > latestSchemaVersion) {
    throw new DomainError(
      'DB_TOO_NEW',
      `This database was written by a newer PackBench (schema ${current}; this app knows up to ${latestSchemaVersion}). Update PackBench or open another database.`,
      { found: current, supported: latestSchemaVersion },
    );
  }
}

export function migrate(db: Db): void {
  assertKnownVersion(db);
  const current = schemaVersion(db);
  for (const migration of migrations.slice(current)) {
    // Each migration and its version bump commit together, so a crash mid-upgrade
    // leaves the previous, consistent version behind.
    // Immediate, and the version read again under the write lock: two benches opening the same
    // new file at once must not both run the same migration.
    db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
