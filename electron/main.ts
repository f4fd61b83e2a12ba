import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { registerIpc } from './ipc/register-electron';
import { APP_NAME } from './paths';
import { APP_ENTRY_URL, applySecurity, isTrustedIpcSender, registerAppScheme, secureWebPreferences } from './security';
import type { Station } from './services/station';
import { appVersion } from './version';

// The Electron main process: one window, one station, one database. Kept thin on purpose:
// the services, the IPC contract and the security decisions all live (and are tested) elsewhere.

// Both must happen before `ready`: scheme privileges are fixed at start-up, and the sandbox
// is forced for every renderer whatever a later BrowserWindow asks for.
registerAppScheme(protocol);
app.enableSandbox();

// userData is fixed explicitly so the app (name "PackBench" when packaged, "packbench" from the
// repo) and browser mode (electron/paths.ts) open the same bench database by default.
app.setName(APP_NAME);
app.setPath('userData', join(app.getPath('appData'), APP_NAME));

let station: Station | null = null;
let mainWindow: BrowserWindow | null = null;

/** `--db PATH` or `--db=PATH` opens another database (as `packbench serve --db` does). */
function dbPathFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg.startsWith('--db=')) return arg.slice('--db='.length) || undefined;
    if (arg === '--db') return argv[i + 1];
  }
  return undefined;
}

function describeStartError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message}\n\n[${code}]` : error.message;
  }
  return String(error);
}

function failStart(error: unknown): void {
  console.error('PackBench could not start', error);
  dialog.showErrorBox('PackBench could not start', describeStartError(error));
  station?.close();
  station = null;
  app.exit(1);
}

async function launch(): Promise<void> {
  // From the repo this is the repo root; packaged it is resources/app.asar. Both hold
  // package.json, dist/renderer and dist-electron.
  const appRoot = app.getAppPath();
  applySecurity(app, session.defaultSession, { shell, rendererDir: join(appRoot, 'dist', 'renderer') });

  // Loaded late, so that a native-module or database error at open (DB_TOO_NEW, a
  // better-sqlite3 built for the wrong ABI) reaches the dialog below instead of killing
  // the process before any of our code runs.
  const { openStation } = await import('./services/station');
  const { createElectronOsPrinter } = await import('./os-print');
  const { encryptedCredentialStore } = await import('./sync/credentials');
  station = openStation({
    dbPath: dbPathFromArgs(process.argv) ?? join(app.getPath('userData'), 'packbench.db'),
    host: 'electron',
    version: appVersion(join(appRoot, 'package.json')),
    demo: true,
    // Slips and customs forms on an office printer go through Electron's print API.
    osPrinter: createElectronOsPrinter(),
    // The marketplace credentials, encrypted with the system keychain (never in the database).
    credentials: encryptedCredentialStore(join(app.getPath('userData'), 'marketplace-credentials.bin'), {
      available: () => safeStorage.isEncryptionAvailable(),
      encrypt: (text) => safeStorage.encryptString(text),
      decrypt: (data) => safeStorage.decryptString(data),
    }),
    backgroundSync: true,
  });
  registerIpc(ipcMain, station.dispatch, (event) => isTrustedIpcSender(event));

  const benchWindow = new BrowserWindow({
    title: APP_NAME,
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: secureWebPreferences(join(appRoot, 'dist-electron', 'preload.cjs')),
  });
  mainWindow = benchWindow;
  benchWindow.once('ready-to-show', () => benchWindow.show());
  benchWindow.on('closed', () => {
    mainWindow = null;
  });
  await benchWindow.loadURL(APP_ENTRY_URL);
}

if (!app.requestSingleInstanceLock()) {
  // Two processes writing the same bench database would fight over it; the first one wins.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // A bench app, not a document app: closing the window ends the session on every platform,
  // which also closes the database cleanly.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    station?.close();
    station = null;
  });
  app.whenReady().then(launch).catch(failStart);
}
