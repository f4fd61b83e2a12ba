import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'PackBench';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives for
 * this app name, so browser mode and the desktop app open the same bench by default.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_NAME);
}

export function defaultDbPath(): string {
  return join(defaultDataDir(), 'packbench.db');
}
