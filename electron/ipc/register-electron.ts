import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Dispatch } from './dispatcher';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

const forbidden: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'Only the PackBench window may call the station.' },
};

/**
 * Registers one `ipcMain.handle` per contract channel, all through the same gate: a request
 * whose sending frame is not the app's own page is refused before anything is parsed, and
 * whatever happens inside, the renderer receives a Result, never a thrown error.
 * Returns a function that removes the handlers again.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, isTrustedSender: SenderCheck): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      let trusted: boolean;
      try {
        trusted = isTrustedSender(event);
      } catch {
        // The frame can be gone by the time we ask; a sender we cannot check is not trusted.
        trusted = false;
      }
      if (!trusted) return forbidden;
      try {
        return await dispatch(channel, input);
      } catch (error) {
        console.error(`ipc ${channel} failed`, error);
        return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong in the station; see the log.' } };
      }
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
