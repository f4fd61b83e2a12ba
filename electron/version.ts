import { readFileSync } from 'node:fs';

/** The app version from package.json, read once; "0.0.0" if it cannot be found. */
export function appVersion(packageJsonPath: string): string {
  try {
    const parsed = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
