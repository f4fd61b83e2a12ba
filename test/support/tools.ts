import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether an executable of that name is on PATH. */
export function hasTool(name: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/**
 * For `describe.skipIf(!requireTool(...))`: on a developer machine a missing tool skips the
 * tests with a note; in CI it throws, because a check that silently skips there is a check that
 * never runs.
 */
export function requireTool(name: string, debianPackage: string): boolean {
  if (hasTool(name)) return true;
  const missing = `'${name}' is not on PATH (Debian package ${debianPackage}: apt-get install ${debianPackage})`;
  if (process.env.CI === 'true') throw new Error(`${missing}; CI must have it, so its tests fail rather than skip`);
  console.warn(`${missing}; skipping the tests that need it`);
  return false;
}
