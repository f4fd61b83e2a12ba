import type { StateCreator } from 'zustand';
import type { AppState, ImportSlice, StoreDeps } from './types';

export const IMPORT_POLL_MS = 250;

export function createImportSlice({ api, sleep }: StoreDeps): StateCreator<AppState, [], [], ImportSlice> {
  // A newer import stops the polling of an older one.
  let generation = 0;
  return (set, get) => ({
    importJob: null,
    importError: null,
    startImport: async (input) => {
      const mine = ++generation;
      set({ importJob: null, importError: null });
      const started = await api['import:start'](input);
      if (mine !== generation) return;
      if (!started.ok) {
        set({ importError: started.error });
        return;
      }
      let job = started.value;
      set({ importJob: job });
      while (job.state === 'running') {
        await sleep(IMPORT_POLL_MS);
        if (mine !== generation) return;
        const status = await api['import:status']({ jobId: job.jobId });
        if (mine !== generation) return;
        if (!status.ok) {
          set({ importError: status.error });
          return;
        }
        job = status.value;
        set({ importJob: job });
      }
      if (job.state === 'done') {
        get().pushToast('import.done', { file: job.fileName });
        void get().loadQueue();
      }
    },
  });
}
