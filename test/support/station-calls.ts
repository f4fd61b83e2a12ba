import type { Station } from '../../electron/services/station';

/**
 * `call` answers the value or throws with the station's code and message; `callError` answers
 * the refusal or throws when the call succeeded. The station is looked up at each call, so a
 * test may reopen it.
 */
export function stationCalls(current: () => Station) {
  async function call<T>(channel: string, input: unknown): Promise<T> {
    const result = await current().dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }
  async function callError(channel: string, input: unknown) {
    const result = await current().dispatch(channel, input);
    if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return result.error;
  }
  return { call, callError };
}
