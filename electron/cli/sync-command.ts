import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { marketplaceSettingsSchema } from '../../shared/contract';
import type { MarketplaceSettings, SyncCycle } from '../../shared/contract';
import { openStation } from '../services/station';
import { environmentCredentials, fileCredentialStore, fixedCredentialStore } from '../sync/credentials';
import type { CredentialStore } from '../sync/credentials';

/**
 * `packbench sync --once`: one full cycle (pull orders, then push confirmations) with the
 * station's own settings, for a scheduler (cron, Task Scheduler) or a test. What the station
 * has stored can be overridden for this run, without being saved:
 *
 *   --settings FILE   JSON: { "marketplace": { …MarketplaceSettings fields… },
 *                             "credentialsFile": "path/to/credentials.json" }
 *                     (a relative credentialsFile is read next to the settings file)
 *   environment       PACKBENCH_SPAPI_ENDPOINT, PACKBENCH_LWA_ENDPOINT, PACKBENCH_MARKETPLACE_ID,
 *                     PACKBENCH_LWA_CLIENT_ID, PACKBENCH_LWA_CLIENT_SECRET, PACKBENCH_LWA_REFRESH_TOKEN
 *
 * The environment wins over the file, the file over the station. Exit code 0 when the cycle
 * reached Amazon without a problem, 1 when something is left to do (offline, refused), 2 for
 * wrong arguments.
 */

const settingsFileSchema = z.object({
  marketplace: marketplaceSettingsSchema.partial().optional(),
  credentialsFile: z.string().min(1).optional(),
});

export type SyncRunOptions = { dbPath: string; settingsFile: string | null; env: Record<string, string | undefined>; version: string };

type Io = { out: (line: string) => void; err: (line: string) => void };

function overridesFrom(options: SyncRunOptions): { marketplace: Partial<MarketplaceSettings>; credentials: CredentialStore | null } {
  let marketplace: Partial<MarketplaceSettings> = {};
  let credentials: CredentialStore | null = null;
  if (options.settingsFile) {
    const parsed = settingsFileSchema.safeParse(JSON.parse(readFileSync(options.settingsFile, 'utf8')));
    if (!parsed.success) throw new Error(`${options.settingsFile}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    marketplace = { ...parsed.data.marketplace };
    if (parsed.data.credentialsFile) credentials = fileCredentialStore(resolve(dirname(options.settingsFile), parsed.data.credentialsFile));
  }
  const env = options.env;
  if (env['PACKBENCH_SPAPI_ENDPOINT']) marketplace.spApiEndpoint = env['PACKBENCH_SPAPI_ENDPOINT'];
  if (env['PACKBENCH_LWA_ENDPOINT']) marketplace.lwaEndpoint = env['PACKBENCH_LWA_ENDPOINT'];
  if (env['PACKBENCH_MARKETPLACE_ID']) marketplace.marketplaceId = env['PACKBENCH_MARKETPLACE_ID'];
  const fromEnv = environmentCredentials(env);
  if (fromEnv) credentials = fixedCredentialStore(fromEnv, 'the environment (PACKBENCH_LWA_*)');
  // Asking for a run with endpoints or credentials given here means: sync, even if the bench has it off.
  if (Object.keys(marketplace).length > 0 || credentials) marketplace.enabled ??= true;
  const checked = marketplaceSettingsSchema.partial().safeParse(marketplace);
  if (!checked.success) throw new Error(`marketplace settings: ${checked.error.issues[0]?.path.join('.') ?? ''} ${checked.error.issues[0]?.message ?? 'invalid'}`);
  return { marketplace: checked.data, credentials };
}

export function describeCycle(cycle: SyncCycle): string[] {
  const lines: string[] = [];
  if (cycle.pulled) {
    const p = cycle.pulled;
    lines.push(`Orders pulled: ${p.added} new, ${p.updated} updated, ${p.cancelled} cancelled${p.failed > 0 ? `, ${p.failed} unreadable` : ''}.`);
  }
  if (cycle.pushed) {
    const p = cycle.pushed;
    lines.push(`Confirmations: ${p.confirmed} sent, ${p.byFeed} by feed, ${p.needsAttention} need attention, ${p.failed} failed for now; ${p.waiting} waiting.`);
  }
  for (const error of cycle.errors) lines.push(`Problem: ${error.code}: ${error.message}`);
  return lines;
}

export async function runSyncOnce(options: SyncRunOptions, io: Io): Promise<number> {
  if (!existsSync(options.dbPath)) {
    io.err(`There is no station database at ${options.dbPath}: give it with --db PATH.`);
    return 2;
  }
  let overrides: ReturnType<typeof overridesFrom>;
  try {
    overrides = overridesFrom(options);
  } catch (error) {
    io.err(`sync: ${(error as Error).message}`);
    return 2;
  }
  const station = openStation({
    dbPath: options.dbPath,
    host: 'browser',
    version: options.version,
    demo: false,
    marketplaceOverride: overrides.marketplace,
    ...(overrides.credentials ? { credentials: overrides.credentials } : {}),
  });
  try {
    const cycle = await station.sync.runOnce();
    for (const line of describeCycle(cycle)) io.out(line);
    const status = station.sync.status();
    io.out(`Connection: ${status.connection}; ${status.pendingCount} confirmation(s) not yet at Amazon, ${status.needsAttentionCount} need attention.`);
    return cycle.errors.length === 0 && status.connection === 'online' ? 0 : 1;
  } finally {
    station.close();
  }
}
