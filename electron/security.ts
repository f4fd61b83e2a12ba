import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { App, CustomScheme, IpcMainInvokeEvent, Protocol, Session, Shell, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, MIME_TYPES } from './renderer-assets';

// The Electron security baseline, in one place. Everything here is data or a small function
// that takes the Electron objects as parameters: `require('electron')` in plain Node returns
// the path of the binary, not the API, so this module imports Electron's *types* only and the
// unit tests can load it without Electron.

export { CONTENT_SECURITY_POLICY };

/** The renderer is served from `app://packbench/…`, never from file:// (no ambient file access). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'packbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard + secure give the scheme a real origin (so 'self' in the CSP, module scripts and
 * storage work as on https). Deliberately absent: bypassCSP, corsEnabled, allowServiceWorkers.
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

export type SecureWebPreferences = {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: false;
  preload: string;
};

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Spellcheck would download dictionaries from Google and underline SKUs; the bench needs neither.
    spellcheck: false,
    preload: preloadPath,
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for a URL on the app's own origin. Compared by protocol and host rather than
 * `URL.origin`, because WHATWG URL gives custom schemes an opaque origin ("null").
 */
export function isAppUrl(url: string | null | undefined, appOrigin: string = APP_ORIGIN): boolean {
  if (!url) return false;
  const target = parseUrl(url);
  const app = parseUrl(appOrigin);
  if (!target || !app) return false;
  return target.protocol === app.protocol && target.host === app.host && target.username === '' && target.password === '';
}

/**
 * IPC is answered only for the app's own page. `senderFrame` is null once the frame has
 * navigated away or been destroyed; such a request is refused too.
 */
export function isTrustedIpcSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, appOrigin: string = APP_ORIGIN): boolean {
  const frame = event.senderFrame;
  return frame !== null && isAppUrl(frame.url, appOrigin);
}

/** The window may only ever show the app itself: every other navigation is refused. */
export function isAllowedNavigation(url: string, appOrigin: string = APP_ORIGIN): boolean {
  return isAppUrl(url, appOrigin);
}

/**
 * Pages the bench may open in the user's browser. Exact host names, https only: a link is a
 * way out of the sandbox, so anything not listed here (file:, javascript:, http:, look-alike
 * hosts, a different port) stays closed.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'sellercentral.amazon.com',
  'sellercentral-europe.amazon.com',
  'sellercentral-japan.amazon.com',
  'developer-docs.amazon.com',
];

export function isAllowedExternalLink(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  const target = parseUrl(url);
  if (!target) return false;
  return (
    target.protocol === 'https:' &&
    target.username === '' &&
    target.password === '' &&
    target.port === '' &&
    hosts.includes(target.hostname)
  );
}

/** What the bench's hardware needs from the page: a USB (HID) scale or a serial scale. */
export const ALLOWED_DEVICE_PERMISSIONS: readonly string[] = ['hid', 'serial'];

export type PermissionDetails = {
  /** The origin Electron passes to the permission-check handler. */
  requestingOrigin?: string;
  securityOrigin?: string;
  requestingUrl?: string;
  /** Set only for cross-origin subframes, which the app never has. */
  embeddingOrigin?: string;
  isMainFrame?: boolean;
};

/**
 * Allow only HID and serial, and only to the app's own page; deny everything else
 * (camera, microphone, geolocation, notifications, media, openExternal, clipboard, …).
 * Every origin Electron reports must be the app's, and at least one must be reported.
 */
export function permissionDecision(permission: string, details: PermissionDetails, appOrigin: string = APP_ORIGIN): boolean {
  if (!ALLOWED_DEVICE_PERMISSIONS.includes(permission)) return false;
  if (details.embeddingOrigin !== undefined && details.embeddingOrigin !== '') return false;
  const reported = [details.requestingOrigin, details.securityOrigin, details.requestingUrl].filter(
    (value): value is string => value !== undefined && value !== '',
  );
  return reported.length > 0 && reported.every((value) => isAppUrl(value, appOrigin));
}

export function devicePermissionDecision(details: { deviceType: string; origin: string }, appOrigin: string = APP_ORIGIN): boolean {
  return ALLOWED_DEVICE_PERMISSIONS.includes(details.deviceType) && isAppUrl(details.origin, appOrigin);
}

export type AssetLookup = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps an app:// URL to a file under the renderer folder. Path-traversal guard: a `..`
 * segment (also one smuggled in as %2f/%5c-encoded separators) is refused, and the resolved
 * path must still lie inside the folder, so nothing outside it is ever served.
 */
export function resolveAppAsset(requestUrl: string, rendererDir: string, appOrigin: string = APP_ORIGIN): AssetLookup {
  if (!isAppUrl(requestUrl, appOrigin)) return { ok: false, status: 404 };
  const url = parseUrl(requestUrl);
  if (!url) return { ok: false, status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400 };
  const segments = decoded.split(/[/\\]+/).filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { ok: false, status: 403 };
  const root = resolve(rendererDir);
  const file = resolve(root, segments.join(sep));
  if (file !== root && !file.startsWith(root + sep)) return { ok: false, status: 403 };
  return { ok: true, file };
}


function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The app:// protocol handler: serves the built renderer with the CSP as a response header.
 * Plain Node (fs + the global Response), so it is tested without Electron.
 */
export function createAppProtocolHandler(rendererDir: string, appOrigin: string = APP_ORIGIN) {
  const root = resolve(rendererDir);
  return async function serveAppAsset(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const lookup = resolveAppAsset(request.url, root, appOrigin);
    if (!lookup.ok) return plain(lookup.status, 'Not found');
    let file = lookup.file;
    if (!(await isFile(file))) {
      // Unknown extension-less paths get the app itself, which routes on its own.
      const index = join(root, 'index.html');
      if (extname(file) !== '' && file !== index) return plain(404, 'Not found');
      file = index;
      if (!(await isFile(file))) return plain(503, 'The renderer is not built. Run "npm run build:renderer" (npm start does it for you).');
    }
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** Must run before `app` is ready: Chromium fixes scheme privileges at start-up. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([appScheme]);
}

type Log = (message: string) => void;

export type SecurityOptions = {
  shell: Pick<Shell, 'openExternal'>;
  rendererDir: string;
  appOrigin?: string;
  log?: Log;
};

function openIfAllowed(url: string, shell: Pick<Shell, 'openExternal'>, log: Log): void {
  if (!isAllowedExternalLink(url)) {
    log(`blocked link ${url}`);
    return;
  }
  shell.openExternal(url).catch((error: unknown) => log(`could not open ${url}: ${(error as Error).message}`));
}

/** Guards every web contents the app ever creates (the window, and anything it might spawn). */
export function guardWebContents(contents: WebContents, options: SecurityOptions): void {
  const appOrigin = options.appOrigin ?? APP_ORIGIN;
  const log = options.log ?? ((message: string) => console.warn(`[security] ${message}`));
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, appOrigin)) return;
    event.preventDefault();
    // A plain <a href> to an allowed page opens in the browser instead of replacing the bench.
    openIfAllowed(event.url, options.shell, log);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url, appOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, options.shell, log);
    return { action: 'deny' };
  });
}

/**
 * Wires the baseline into a running app: navigation and window guards on every web contents,
 * permission and device handlers on the session, and the app:// protocol with its CSP.
 * Call once, after `app` is ready and before the first window is created.
 */
export function applySecurity(app: Pick<App, 'on'>, session: Session, options: SecurityOptions): void {
  const appOrigin = options.appOrigin ?? APP_ORIGIN;
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionDecision(permission, { requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, appOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionDecision(
      permission,
      {
        requestingOrigin,
        ...(details.securityOrigin !== undefined ? { securityOrigin: details.securityOrigin } : {}),
        ...(details.requestingUrl !== undefined ? { requestingUrl: details.requestingUrl } : {}),
        ...(details.embeddingOrigin !== undefined ? { embeddingOrigin: details.embeddingOrigin } : {}),
        isMainFrame: details.isMainFrame,
      },
      appOrigin,
    ),
  );
  session.setDevicePermissionHandler((details) => devicePermissionDecision(details, appOrigin));

  // Without these handlers Electron cancels every requestDevice/requestPort. The page asks
  // with vendor filters for known scales, so the first match is the bench's scale; a chooser
  // for benches with several devices is a later step.
  session.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    callback(isAppUrl(details.frame?.url, appOrigin) ? (details.deviceList[0]?.deviceId ?? null) : null);
  });
  session.on('select-serial-port', (event, portList, contents, callback) => {
    event.preventDefault();
    callback(isAppUrl(contents.getURL(), appOrigin) ? (portList[0]?.portId ?? '') : '');
  });

  session.protocol.handle(APP_SCHEME, createAppProtocolHandler(options.rendererDir, appOrigin));
}
