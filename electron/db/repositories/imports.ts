import type { Db } from '../open';

export function createImportsRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO imports (kind, file_name, sha256, at, summary) VALUES (@kind, @fileName, @sha256, @at, @summary)',
  );
  return {
    record(entry: { kind: string; fileName: string; sha256: string; at: string; summary: unknown }): void {
      insert.run({ ...entry, summary: JSON.stringify(entry.summary) });
    },
  };
}

export type ImportsRepo = ReturnType<typeof createImportsRepo>;
