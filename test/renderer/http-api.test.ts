import { afterEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/contract';
import type { PackbenchApi } from '../../shared/contract';
import { createHttpApi } from '../../renderer/src/api/http-api';
import type { FetchLike } from '../../renderer/src/api/http-api';
import { selectApi } from '../../renderer/src/api/select-api';
import { TOKEN_STORAGE_KEY, takeAccessToken } from '../../renderer/src/api/token';

type Sent = { url: string; init: Parameters<FetchLike>[1] };

function fakeFetch(status: number, body: unknown, sent: Sent[] = []): FetchLike {
  return async (url, init) => {
    sent.push({ url, init });
    return { status, json: async () => body };
  };
}

describe('the HTTP transport', () => {
  it('posts the input as JSON to /api/<channel> with the bearer token', async () => {
    const sent: Sent[] = [];
    const api = createHttpApi(fakeFetch(200, { ok: true, value: [] }, sent), 'secret-token');
    const result = await api['orders:queue']({ search: 'PB-MUG' });
    expect(result).toEqual({ ok: true, value: [] });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('/api/orders:queue');
    expect(sent[0]?.init.method).toBe('POST');
    expect(sent[0]?.init.headers).toEqual({ Authorization: 'Bearer secret-token', 'Content-Type': 'application/json' });
    expect(JSON.parse(sent[0]?.init.body ?? '')).toEqual({ search: 'PB-MUG' });
  });

  it('has one function for every channel of the contract', () => {
    const api = createHttpApi(fakeFetch(200, { ok: true, value: null }), 't');
    expect(Object.keys(api).sort()).toEqual([...channels].sort());
    for (const channel of channels) expect(typeof api[channel]).toBe('function');
  });

  it('turns a fetch that fails (station gone) into a NETWORK error', async () => {
    const api = createHttpApi(async () => Promise.reject(new TypeError('Failed to fetch')), 't');
    const result = await api['pack:open']({ orderId: '111-0000001-0000001' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('NETWORK');
      expect(result.error.message).toContain('Failed to fetch');
    }
  });

  it('passes a 401 refusal through as the Result the host sent', async () => {
    const refusal = { ok: false, error: { code: 'UNAUTHORIZED', message: 'Open PackBench with the address printed at start-up.' } };
    const api = createHttpApi(fakeFetch(401, refusal), 'wrong');
    expect(await api['settings:get']({})).toEqual(refusal);
  });

  it('passes a station error with its data through unchanged', async () => {
    const refusal = { ok: false, error: { code: 'ORDER_NOT_FOUND', message: 'Order X is not here.', data: { orderId: 'X' } } };
    const api = createHttpApi(fakeFetch(200, refusal), 't');
    expect(await api['orders:find']({ code: 'X' })).toEqual(refusal);
  });

  it('treats an answer that is not a Result (a proxy error page) as NETWORK', async () => {
    const notJson: FetchLike = async () => ({ status: 502, json: async () => Promise.reject(new SyntaxError('Unexpected token <')) });
    const result = await createHttpApi(notJson, 't')['app:info']({});
    expect(result.ok ? null : result.error.code).toBe('NETWORK');
    const wrongShape = await createHttpApi(fakeFetch(200, { hello: 'world' }), 't')['app:info']({});
    expect(wrongShape.ok ? null : wrongShape.error.code).toBe('NETWORK');
  });
});

describe('the access token in the address', () => {
  afterEach(() => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('is read from #token=…, kept in sessionStorage and removed from the address bar', () => {
    window.history.replaceState(null, '', '/index.html?x=1#token=abc123');
    const token = takeAccessToken({ location: window.location, history: window.history, storage: window.sessionStorage });
    expect(token).toBe('abc123');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain('abc123');
    expect(window.location.pathname + window.location.search).toBe('/index.html?x=1');
  });

  it('survives a reload: without a fragment the stored token is used', () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, 'kept');
    window.history.replaceState(null, '', '/');
    expect(takeAccessToken({ location: window.location, history: window.history, storage: window.sessionStorage })).toBe('kept');
  });

  it('keeps other fragment parameters', () => {
    window.history.replaceState(null, '', '/#token=t1&view=pack');
    takeAccessToken({ location: window.location, history: window.history, storage: window.sessionStorage });
    expect(window.location.hash).toBe('#view=pack');
  });

  it('is null when the page was opened without one', () => {
    expect(takeAccessToken({ location: window.location, history: window.history, storage: window.sessionStorage })).toBeNull();
  });

  it('the browser transport sends the token from the address', async () => {
    window.history.replaceState(null, '', '/#token=from-url');
    const fetchSpy = vi.fn(async () => ({ status: 200, json: async () => ({ ok: true, value: { version: '1', host: 'browser', dbPath: 'x', schemaVersion: 1 } }) }));
    const win = Object.assign(Object.create(window) as Window, {
      location: window.location,
      history: window.history,
      sessionStorage: window.sessionStorage,
      fetch: fetchSpy,
    });
    const api = selectApi(win);
    await api['app:info']({});
    const init = (fetchSpy.mock.calls[0] as unknown as [string, { headers: Record<string, string> }])[1];
    expect(init.headers['Authorization']).toBe('Bearer from-url');
  });
});

describe('choosing the transport', () => {
  it('uses the preload API when Electron exposes window.packbench', () => {
    const preload = { 'app:info': vi.fn() } as unknown as PackbenchApi;
    const win = Object.assign(Object.create(window) as Window, { packbench: preload });
    expect(selectApi(win)).toBe(preload);
  });
});
