import type { StateCreator } from 'zustand';
import { downloadBase64File } from '../dom/download-file';
import type { AppState, StoreDeps, SyncSlice } from './types';

/**
 * The marketplace connection as the station reports it: confirmations not yet at Amazon, the
 * ones that need a person, and the manual fallback (a flat file for Seller Central). Every
 * number here is the station's; the screen only asks and shows.
 */
export function createSyncSlice({ api }: StoreDeps): StateCreator<AppState, [], [], SyncSlice> {
  return (set, get) => ({
    syncStatus: null,
    syncError: null,
    syncBusy: false,
    loadSyncStatus: async () => {
      const result = await api['sync:status']({});
      // A failed read keeps the last status on screen: pending work must not vanish from view.
      if (result.ok) set({ syncStatus: result.value });
    },
    runSync: async () => {
      set({ syncBusy: true, syncError: null });
      const result = await api['sync:run']({});
      set({ syncBusy: false });
      if (!result.ok) return set({ syncError: result.error });
      set({ syncStatus: result.value.status, syncError: result.value.cycle.errors[0] ?? null });
      void get().loadQueue();
    },
    retryConfirmation: async (jobId) => {
      const result = await api['sync:retry']({ jobId });
      if (result.ok) set({ syncStatus: result.value, syncError: null });
      else set({ syncError: result.error });
    },
    exportConfirmations: async () => {
      const result = await api['sync:exportFile']({});
      if (!result.ok) return set({ syncError: result.error });
      downloadBase64File(result.value.file);
      await get().loadSyncStatus();
    },
    setSyncCredentials: async (credentials) => {
      const result = await api['sync:setCredentials'](credentials);
      if (!result.ok) return result.error;
      set({ syncStatus: result.value });
      return null;
    },
    markUploaded: async (exportId) => {
      const result = await api['sync:markUploaded']({ exportId });
      if (result.ok) set({ syncStatus: result.value, syncError: null });
      else set({ syncError: result.error });
    },
  });
}
