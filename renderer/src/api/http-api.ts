import { channels } from '../../../shared/contract';
import type { AppErrorShape, Channel, PackbenchApi } from '../../../shared/contract';

// Browser mode: every channel of the contract is a POST to /api/<channel> on the station's
// loopback host. The host answers every request with a Result body, refusals (401, 403)
// included, so the screen sees the same `{ ok, value | error }` as over Electron IPC.

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{
  status: number;
  json: () => Promise<unknown>;
}>;

type AnyResult = { ok: true; value: unknown } | { ok: false; error: AppErrorShape };

function isResult(body: unknown): body is AnyResult {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const candidate = body as { ok: unknown; value?: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in candidate;
  if (candidate.ok !== false || typeof candidate.error !== 'object' || candidate.error === null) return false;
  const error = candidate.error as { code?: unknown; message?: unknown };
  return typeof error.code === 'string' && typeof error.message === 'string';
}

function networkError(message: string): AnyResult {
  return { ok: false, error: { code: 'NETWORK', message } };
}

export function createHttpApi(fetchFn: FetchLike, token: string, baseUrl = ''): PackbenchApi {
  async function call(channel: Channel, input: unknown): Promise<AnyResult> {
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await fetchFn(`${baseUrl}/api/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (error) {
      return networkError(`The station did not answer (${error instanceof Error ? error.message : String(error)}).`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return networkError(`The station answered HTTP ${response.status} without a readable body.`);
    }
    return isResult(body) ? body : networkError(`The station answered HTTP ${response.status} with an unexpected body.`);
  }

  // Built from the contract's channel list so a new channel needs no edit here.
  const api = Object.fromEntries(channels.map((channel) => [channel, (input: unknown) => call(channel, input)]));
  return api as unknown as PackbenchApi;
}
