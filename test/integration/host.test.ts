import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../electron/host/server';
import type { RunningHost } from '../../electron/host/server';
import { latestSchemaVersion } from '../../electron/db/migrations';
import { openStation } from '../../electron/services/station';
import type { Station } from '../../electron/services/station';
import { tempDir } from '../support/temp';

let dir: ReturnType<typeof tempDir>;
let station: Station;
let host: RunningHost;

beforeAll(async () => {
  dir = tempDir();
  mkdirSync(dir.file('renderer'));
  writeFileSync(dir.file('renderer/index.html'), '<!doctype html><title>PackBench</title>');
  writeFileSync(dir.file('secret.txt'), 'outside the renderer folder');
  station = openStation({ dbPath: dir.file('bench.db'), host: 'browser', version: 'test', dataDir: dir.path });
  host = await startHost({ dispatch: station.dispatch, rendererDir: dir.file('renderer'), port: 0 });
});

afterAll(async () => {
  await host.close();
  station.close();
  dir.remove();
});

/** Raw HTTP, so the test controls the Host and Origin headers as a hostile page would. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const json = (token: string, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...extra },
  body: '{}',
});

describe('browser mode on 127.0.0.1', () => {
  it('prints an address that carries the per-launch token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers the API with the token', async () => {
    const res = await send('/api/app:info', json(host.token));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { host: 'browser', schemaVersion: latestSchemaVersion } });
  });

  it.each([
    ['no token', {}, 401],
    ['a wrong token', { Authorization: 'Bearer nope' }, 401],
  ])('refuses a call with %s', async (_name, headers, status) => {
    const res = await send('/api/orders:queue', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses another web site even when it has the token (CSRF)', async () => {
    const res = await send('/api/orders:queue', json(host.token, { Origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('FORBIDDEN_ORIGIN');
  });

  it('refuses a rebound host name (DNS rebinding)', async () => {
    const res = await send('/api/orders:queue', json(host.token, { Host: `evil.example:${host.port}` }));
    expect(res.status).toBe(403);
  });

  it('accepts its own origin', async () => {
    const res = await send('/api/orders:queue', json(host.token, { Origin: `http://127.0.0.1:${host.port}` }));
    expect(JSON.parse(res.body).ok).toBe(true);
  });

  it('returns a domain error as data with status 200', async () => {
    const res = await send('/api/orders:find', { ...json(host.token), body: JSON.stringify({ code: '000-0000000-0000000' }) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
  });

  it('serves the renderer with a CSP and never a file outside its folder', async () => {
    const index = await send('/');
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toMatch(/script-src 'self'/);
    expect(String(index.headers['content-security-policy'])).not.toMatch(/unsafe-inline/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/../../secret.txt']) {
      const res = await send(path);
      expect(res.body).not.toContain('outside the renderer folder');
    }
  });

  it('listens on loopback only', () => {
    const address = host.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });
});
