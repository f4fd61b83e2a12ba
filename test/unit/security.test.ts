import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { App, IpcMain, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerIpc } from '../../electron/ipc/register-electron';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  appScheme,
  applySecurity,
  createAppProtocolHandler,
  devicePermissionDecision,
  isAllowedExternalLink,
  isAllowedNavigation,
  isTrustedIpcSender,
  permissionDecision,
  resolveAppAsset,
  secureWebPreferences,
} from '../../electron/security';
import { channels } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { tempDir } from '../support/temp';

// The security baseline is tested as data and decisions, without Electron: the wiring test at
// the end drives applySecurity with stand-ins that record what Electron would be told.

describe('webPreferences of the bench window', () => {
  it('are exactly the hardened set, with the preload passed through', () => {
    expect(secureWebPreferences('/app/dist-electron/preload.cjs')).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/app/dist-electron/preload.cjs',
    });
  });

  it('registers the app scheme as standard and secure, without bypassing the CSP', () => {
    expect(appScheme.scheme).toBe('app');
    expect(appScheme.privileges).toMatchObject({ standard: true, secure: true });
    expect(appScheme.privileges?.bypassCSP ?? false).toBe(false);
    expect(appScheme.privileges?.corsEnabled ?? false).toBe(false);
    expect(appScheme.privileges?.allowServiceWorkers ?? false).toBe(false);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...sources]) => [name as string, sources] as const),
  );

  it('allows scripts from the app itself only: no inline scripts, no eval', () => {
    const scripts = directives.get('script-src') ?? directives.get('default-src');
    expect(scripts).toEqual(["'self'"]);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
  });

  it('forbids plugins, base rewriting and framing, and falls back to self', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('names no wildcard source anywhere', () => {
    for (const [, sources] of directives) expect(sources).not.toContain('*');
  });
});

describe('navigation', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['app://packbench/', true],
    ['app://packbench/orders?search=113', true],
    ['app://packbench/#/pack/113-1', true],
    ['app://evil/index.html', false],
    ['app://packbench.evil.com/index.html', false],
    ['app://packbench@evil.com/', false],
    ['https://sellercentral.amazon.com/orders-v3', false],
    ['http://127.0.0.1:4820/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['about:blank', false],
    ['not a url', false],
  ])('to %s is allowed: %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });
});

describe('external links', () => {
  it.each([
    ['https://sellercentral.amazon.com/orders-v3/order/113-1234567-1234567', true],
    ['https://developer-docs.amazon.com/sp-api/docs/orders-api-v0-reference', true],
    ['http://sellercentral.amazon.com/', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['javascript:alert(1)', false],
    ['https://sellercentral.amazon.com.evil.example/', false],
    ['https://evil.example/?to=sellercentral.amazon.com', false],
    ['https://sellercentral.amazon.com@evil.example/', false],
    ['https://user:pass@sellercentral.amazon.com/', false],
    ['https://sellercentral.amazon.com:8443/', false],
    ['smb://sellercentral.amazon.com/share', false],
    ['app://packbench/index.html', false],
    ['', false],
  ])('%s may be opened: %s', (url, allowed) => {
    expect(isAllowedExternalLink(url)).toBe(allowed);
  });
});

describe('permission requests', () => {
  const fromApp = { requestingOrigin: APP_ORIGIN, requestingUrl: APP_ENTRY_URL, isMainFrame: true };

  it.each([
    ['media', 'the camera'],
    ['media', 'the microphone'],
    ['geolocation', 'the location'],
    ['notifications', 'notifications'],
    ['openExternal', 'opening other programs'],
    ['clipboard-read', 'reading the clipboard'],
    ['display-capture', 'screen capture'],
    ['midi', 'MIDI'],
    ['usb', 'raw USB'],
    ['fullscreen', 'fullscreen'],
    ['unknown', 'anything unknown'],
  ])('%s (%s) is denied even to the app', (permission) => {
    expect(permissionDecision(permission, fromApp)).toBe(false);
  });

  it.each([['hid'], ['serial']])('%s is allowed to the app, for the scale', (permission) => {
    expect(permissionDecision(permission, fromApp)).toBe(true);
    expect(permissionDecision(permission, { securityOrigin: APP_ORIGIN, isMainFrame: true })).toBe(true);
  });

  it.each([
    ['another origin', { requestingOrigin: 'https://evil.example', isMainFrame: true }],
    ['an app URL with a foreign security origin', { requestingUrl: APP_ENTRY_URL, securityOrigin: 'https://evil.example', isMainFrame: false }],
    ['a cross-origin subframe', { ...fromApp, embeddingOrigin: 'https://evil.example', isMainFrame: false }],
    ['no origin at all', { isMainFrame: true }],
  ])('hid is denied to %s', (_name, details) => {
    expect(permissionDecision('hid', details)).toBe(false);
  });

  it.each([
    ['hid', APP_ORIGIN, true],
    ['serial', APP_ORIGIN, true],
    ['usb', APP_ORIGIN, false],
    ['hid', 'https://evil.example', false],
    ['serial', 'file://', false],
  ])('device permission for %s from %s: %s', (deviceType, origin, allowed) => {
    expect(devicePermissionDecision({ deviceType, origin })).toBe(allowed);
  });
});

describe('IPC senders', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['app://packbench/#/pack/1', true],
    ['https://evil.example/', false],
    ['file:///tmp/page.html', false],
    ['about:blank', false],
  ])('a frame at %s is trusted: %s', (url, trusted) => {
    expect(isTrustedIpcSender({ senderFrame: { url } } as unknown as IpcMainInvokeEvent)).toBe(trusted);
  });

  it('a destroyed or navigated-away frame is not trusted', () => {
    expect(isTrustedIpcSender({ senderFrame: null } as unknown as IpcMainInvokeEvent)).toBe(false);
  });

  function fakeIpcMain() {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    };
    return { handlers, ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'> };
  }

  const appEvent = { senderFrame: { url: APP_ENTRY_URL } };
  const evilEvent = { senderFrame: { url: 'https://evil.example/' } };

  it('registers exactly one handler per contract channel, and can remove them', () => {
    const { handlers, ipcMain } = fakeIpcMain();
    const unregister = registerIpc(ipcMain, vi.fn(), isTrustedIpcSender);
    expect([...handlers.keys()].sort()).toEqual([...channels].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('refuses a request from a foreign frame without reaching the station', async () => {
    const { handlers, ipcMain } = fakeIpcMain();
    const dispatch = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 'should not happen' }));
    registerIpc(ipcMain, dispatch, isTrustedIpcSender);
    const answer = await handlers.get('orders:queue')?.(evilEvent, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('passes the app page through to the dispatcher on the same channel', async () => {
    const { handlers, ipcMain } = fakeIpcMain();
    const dispatch = vi.fn(async (channel: string, input: unknown): Promise<Result<unknown>> => ({ ok: true, value: { channel, input } }));
    registerIpc(ipcMain, dispatch, isTrustedIpcSender);
    const answer = await handlers.get('pack:scan')?.(appEvent, { orderId: '113-1', code: '036000291452' });
    expect(dispatch).toHaveBeenCalledWith('pack:scan', { orderId: '113-1', code: '036000291452' });
    expect(answer).toEqual({ ok: true, value: { channel: 'pack:scan', input: { orderId: '113-1', code: '036000291452' } } });
  });

  it('turns a throwing sender check or dispatcher into a Result, never an exception', async () => {
    const { handlers, ipcMain } = fakeIpcMain();
    registerIpc(
      ipcMain,
      async () => {
        throw new Error('boom');
      },
      isTrustedIpcSender,
    );
    await expect(handlers.get('app:info')?.(appEvent, {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    const second = fakeIpcMain();
    registerIpc(second.ipcMain, vi.fn(), () => {
      throw new Error('frame gone');
    });
    await expect(second.handlers.get('app:info')?.(appEvent, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });
});

describe('serving the renderer from app://', () => {
  let dir: ReturnType<typeof tempDir>;
  let rendererDir: string;
  const secret = 'outside the renderer folder';

  beforeAll(() => {
    dir = tempDir();
    rendererDir = dir.file('renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>PackBench</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("bench")');
    writeFileSync(dir.file('secret.txt'), secret);
    mkdirSync(dir.file('renderer-evil'));
    writeFileSync(dir.file('renderer-evil/secret.txt'), secret);
  });

  afterAll(() => dir.remove());

  const traversals = [
    'app://packbench/../secret.txt',
    'app://packbench/../../etc/passwd',
    'app://packbench/%2e%2e/secret.txt',
    'app://packbench/%2e%2e/%2e%2e/etc/passwd',
    'app://packbench/..%2fsecret.txt',
    'app://packbench/assets/..%2f..%2fsecret.txt',
    'app://packbench/%2e%2e%2fsecret.txt',
    'app://packbench/..%5csecret.txt',
    'app://packbench/..%2frenderer-evil%2fsecret.txt',
    'app://packbench/%2fetc%2fpasswd',
    'app://packbench/assets/app.js%00.png',
  ];

  it.each(traversals)('%s never resolves outside the renderer folder', (url) => {
    const lookup = resolveAppAsset(url, rendererDir);
    if (lookup.ok) {
      expect(lookup.file.startsWith(resolve(rendererDir) + sep)).toBe(true);
    }
  });

  it.each([
    'app://packbench/..%2fsecret.txt',
    'app://packbench/assets/..%2f..%2fsecret.txt',
    'app://packbench/%2e%2e%2fsecret.txt',
    'app://packbench/..%5csecret.txt',
    'app://packbench/..%2frenderer-evil%2fsecret.txt',
  ])('%s is refused outright', (url) => {
    expect(resolveAppAsset(url, rendererDir)).toMatchObject({ ok: false, status: 403 });
  });

  it.each(traversals)('%s does not serve the file outside', async (url) => {
    const response = await createAppProtocolHandler(rendererDir)(new Request(url));
    expect(await response.text()).not.toContain(secret);
  });

  it('refuses other hosts and malformed escapes', () => {
    expect(resolveAppAsset('app://elsewhere/index.html', rendererDir)).toMatchObject({ ok: false });
    expect(resolveAppAsset('https://packbench/index.html', rendererDir)).toMatchObject({ ok: false });
    expect(resolveAppAsset('app://packbench/%E0%A4%A', rendererDir)).toMatchObject({ ok: false, status: 400 });
  });

  it('serves the app with the CSP header and the right type', async () => {
    const handler = createAppProtocolHandler(rendererDir);
    const page = await handler(new Request(APP_ENTRY_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>PackBench</title>');

    const script = await handler(new Request('app://packbench/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("bench")');
  });

  it('answers unknown routes with the app, and unknown files with 404', async () => {
    const handler = createAppProtocolHandler(rendererDir);
    const route = await handler(new Request('app://packbench/pack/113-1'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>PackBench</title>');
    expect((await handler(new Request('app://packbench/assets/missing.js'))).status).toBe(404);
  });

  it('refuses anything but GET and HEAD', async () => {
    const response = await createAppProtocolHandler(rendererDir)(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });

  it('says the renderer is not built when there is nothing to serve', async () => {
    const response = await createAppProtocolHandler(dir.file('no-such-folder'))(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(503);
  });
});

describe('applySecurity wiring', () => {
  type NavEvent = { url: string; preventDefault: () => void };

  function setUp() {
    const app = new EventEmitter();
    const session = new EventEmitter() as EventEmitter & Record<string, unknown>;
    const recorded: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
      check?: (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
      device?: (details: { deviceType: string; origin: string }) => boolean;
      protocol?: { scheme: string; handler: (request: Request) => Promise<Response> };
    } = {};
    session['setPermissionRequestHandler'] = (handler: typeof recorded.request) => (recorded.request = handler);
    session['setPermissionCheckHandler'] = (handler: typeof recorded.check) => (recorded.check = handler);
    session['setDevicePermissionHandler'] = (handler: typeof recorded.device) => (recorded.device = handler);
    session['protocol'] = { handle: (scheme: string, handler: (request: Request) => Promise<Response>) => (recorded.protocol = { scheme, handler }) };
    const shell = { openExternal: vi.fn(async () => undefined) };
    applySecurity(app as unknown as App, session as unknown as Session, { shell, rendererDir: '/nonexistent', log: () => undefined });

    const contents = new EventEmitter() as EventEmitter & { windowOpen?: (details: { url: string }) => { action: string } };
    (contents as unknown as Record<string, unknown>)['setWindowOpenHandler'] = (handler: (details: { url: string }) => { action: string }) => {
      contents.windowOpen = handler;
    };
    app.emit('web-contents-created', {}, contents as unknown as WebContents);

    const navigate = (eventName: string, url: string) => {
      const event: NavEvent & { prevented: boolean } = { url, prevented: false, preventDefault: () => (event.prevented = true) };
      contents.emit(eventName, event);
      return event.prevented;
    };
    return { session, recorded, shell, contents, navigate };
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from the app is prevented, within it is not', (eventName) => {
    const { navigate } = setUp();
    expect(navigate(eventName, 'https://evil.example/')).toBe(true);
    expect(navigate(eventName, 'file:///etc/passwd')).toBe(true);
    expect(navigate(eventName, 'app://packbench/index.html')).toBe(false);
  });

  it('a link to an allowed page opens in the browser instead of replacing the bench', () => {
    const { navigate, shell } = setUp();
    expect(navigate('will-navigate', 'https://sellercentral.amazon.com/orders-v3')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://sellercentral.amazon.com/orders-v3');
  });

  it('new windows are always denied; only allow-listed https links go to the browser', () => {
    const { contents, shell } = setUp();
    expect(contents.windowOpen?.({ url: 'https://developer-docs.amazon.com/sp-api' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen?.({ url: 'http://developer-docs.amazon.com/sp-api' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen?.({ url: 'app://packbench/index.html' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://developer-docs.amazon.com/sp-api');
  });

  it('webviews are never attached', () => {
    const { contents } = setUp();
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault }, {}, {});
    expect(preventDefault).toHaveBeenCalled();
  });

  it('permission handlers deny the camera and allow the scale', () => {
    const { recorded } = setUp();
    const callback = vi.fn();
    recorded.request?.({}, 'media', callback, { requestingUrl: APP_ENTRY_URL, isMainFrame: true });
    expect(callback).toHaveBeenCalledWith(false);
    expect(recorded.check?.({}, 'geolocation', APP_ORIGIN, { isMainFrame: true })).toBe(false);
    expect(recorded.check?.({}, 'hid', APP_ORIGIN, { securityOrigin: APP_ORIGIN, isMainFrame: true })).toBe(true);
    expect(recorded.check?.({}, 'serial', 'https://evil.example', { isMainFrame: true })).toBe(false);
    expect(recorded.device?.({ deviceType: 'serial', origin: APP_ORIGIN })).toBe(true);
    expect(recorded.device?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });

  it('device choosers pick the scale for the app page and nothing for others', () => {
    const { session } = setUp();
    const hidCallback = vi.fn();
    session.emit('select-hid-device', { preventDefault: vi.fn() }, { deviceList: [{ deviceId: 'scale-1' }], frame: { url: APP_ENTRY_URL } }, hidCallback);
    expect(hidCallback).toHaveBeenCalledWith('scale-1');
    const foreign = vi.fn();
    session.emit('select-hid-device', { preventDefault: vi.fn() }, { deviceList: [{ deviceId: 'scale-1' }], frame: null }, foreign);
    expect(foreign).toHaveBeenCalledWith(null);
    const serialCallback = vi.fn();
    session.emit('select-serial-port', { preventDefault: vi.fn() }, [{ portId: 'ttyUSB0' }], { getURL: () => 'https://evil.example/' }, serialCallback);
    expect(serialCallback).toHaveBeenCalledWith('');
  });

  it('serves the renderer on the app scheme', () => {
    const { recorded } = setUp();
    expect(recorded.protocol?.scheme).toBe('app');
  });
});
