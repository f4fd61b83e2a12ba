import { channels } from '../../../shared/contract';
import type { AppErrorShape, PackbenchApi } from '../../../shared/contract';

// The station answers NOT_SIGNED_IN or SIGNED_OUT_IDLE to any bench action once nobody is
// signed in there (idle expiry on the station's side, a restart, a sign-out from another
// window). Every channel passes through this one wrapper, so whichever screen made the call,
// the sign-in screen comes back: no slice has to remember to check.

export const SIGNED_OUT_CODES: ReadonlySet<string> = new Set(['NOT_SIGNED_IN', 'SIGNED_OUT_IDLE']);

export function isSignedOutError(error: Pick<AppErrorShape, 'code'>): boolean {
  return SIGNED_OUT_CODES.has(error.code);
}

type AnyResult = { ok: true; value: unknown } | { ok: false; error: AppErrorShape };

export function withSessionGuard(api: PackbenchApi, onSignedOut: (error: AppErrorShape) => void): PackbenchApi {
  const guarded = Object.fromEntries(
    channels.map((channel) => {
      const call = api[channel] as ((input: unknown) => Promise<AnyResult>) | undefined;
      // A test double may implement only some channels; a missing one stays missing.
      if (typeof call !== 'function') return [channel, call];
      return [
        channel,
        async (input: unknown) => {
          const result = await call(input);
          if (!result.ok && isSignedOutError(result.error)) onSignedOut(result.error);
          return result;
        },
      ];
    }),
  );
  return guarded as unknown as PackbenchApi;
}
