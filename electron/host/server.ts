import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Dispatch } from '../ipc/dispatcher';
import { CONTENT_SECURITY_POLICY, MIME_TYPES } from '../renderer-assets';

export { CONTENT_SECURITY_POLICY };

// Browser mode: the station's handlers behind a loopback HTTP API, plus the built renderer.
// Only this machine can connect (127.0.0.1), and only a page holding the per-launch token
// can call the API; the Host and Origin checks stop other web sites (CSRF, DNS rebinding)
// from driving the bench through the user's browser.

/** The renderer sends whole report files; anything larger than this is not a report. */
const MAX_BODY_BYTES = 96 * 1024 * 1024;

export type HostOptions = {
  dispatch: Dispatch;
  rendererDir: string;
  port?: number;
  hostname?: string;
  token?: string;
};

export type RunningHost = { server: Server; port: number; token: string; url: string; close: () => Promise<void> };

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('BODY_TOO_LARGE'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string, dispatch: Dispatch, token: string, port: number) {
  const origins = allowedOrigins(port);
  const host = req.headers.host ?? '';
  if (!origins.includes(`http://${host}`)) return send(res, 403, { ok: false, error: { code: 'FORBIDDEN_HOST', message: 'Wrong host.' } });
  const origin = req.headers.origin;
  if (origin !== undefined && !origins.includes(origin)) {
    return send(res, 403, { ok: false, error: { code: 'FORBIDDEN_ORIGIN', message: 'Requests from other sites are refused.' } });
  }
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) {
    return send(res, 401, {
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Open PackBench with the address printed at start-up (it carries the access token).' },
    });
  }
  if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'METHOD_NOT_ALLOWED', message: 'Use POST.' } });
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return send(res, 415, { ok: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON.' } });
  }
  let input: unknown;
  try {
    const body = await readBody(req);
    input = body === '' ? {} : (JSON.parse(body) as unknown);
  } catch (error) {
    const tooLarge = (error as Error).message === 'BODY_TOO_LARGE';
    return send(res, tooLarge ? 413 : 400, {
      ok: false,
      error: tooLarge
        ? { code: 'FILE_TOO_LARGE', message: 'The file is too large to import in one go; split it.' }
        : { code: 'INPUT_INVALID', message: 'The request was not valid JSON.' },
    });
  }
  const result = await dispatch(channel, input);
  return send(res, 200, result);
}

function serveStatic(req: IncomingMessage, res: ServerResponse, rendererDir: string, pathname: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405);
    res.end();
    return;
  }
  const root = resolve(rendererDir);
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    res.writeHead(400);
    res.end();
    return;
  }
  let file = resolve(join(root, relative));
  // Path-traversal guard: nothing outside the renderer folder is ever served.
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(404);
    res.end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // Unknown paths get the app itself; the renderer routes on its own.
    if (extname(relative) !== '') {
      res.writeHead(404);
      res.end();
      return;
    }
    file = join(root, 'index.html');
  }
  if (!existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The renderer is not built. Run "npm run build:renderer" (npm run start:web does it for you).');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken();
  const hostname = options.hostname ?? '127.0.0.1';
  let port = options.port ?? 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const api = /^\/api\/([a-z]+:[A-Za-z]+)$/.exec(url.pathname);
    if (api?.[1]) {
      handleApi(req, res, api[1], options.dispatch, token, port).catch((error: unknown) => {
        console.error('browser-mode request failed', error);
        if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Internal error; see the log.' } });
      });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      send(res, 404, { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'No such operation.' } });
      return;
    }
    serveStatic(req, res, options.rendererDir, url.pathname);
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      port = (server.address() as AddressInfo).port;
      resolveStart({
        server,
        port,
        token,
        url: `http://${hostname}:${port}/#token=${token}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
