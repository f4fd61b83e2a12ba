import type { StateCreator } from 'zustand';
import type { AppState, SettingsSlice, StoreDeps } from './types';

export function createSettingsSlice({ api }: StoreDeps): StateCreator<AppState, [], [], SettingsSlice> {
  return (set, get) => ({
    settings: null,
    documentsApi: {
      'documents:get': (input) => api['documents:get'](input),
      'documents:preview': (input) => api['documents:preview'](input),
      'manifest:day': (input) => api['manifest:day'](input),
      'manifest:closeOut': (input) => api['manifest:closeOut'](input),
      'manifest:document': (input) => api['manifest:document'](input),
      'printer:status': (input) => api['printer:status'](input),
      'productivity:shift': (input) => api['productivity:shift'](input),
      'productivity:shiftReport': (input) => api['productivity:shiftReport'](input),
      'tracking:followUp': (input) => api['tracking:followUp'](input),
    },
    afterSalesApi: {
      'aftersales:get': (input) => api['aftersales:get'](input),
      'aftersales:return': (input) => api['aftersales:return'](input),
      'aftersales:refund': (input) => api['aftersales:refund'](input),
      'aftersales:replacement': (input) => api['aftersales:replacement'](input),
      'aftersales:defect': (input) => api['aftersales:defect'](input),
      'aftersales:claimStatus': (input) => api['aftersales:claimStatus'](input),
    },
    carrierApi: {
      'carriers:list': (input) => api['carriers:list'](input),
      'carriers:import': (input) => api['carriers:import'](input),
      'carriers:export': (input) => api['carriers:export'](input),
      'carriers:saveService': (input) => api['carriers:saveService'](input),
      'carriers:addRange': (input) => api['carriers:addRange'](input),
      'carriers:importRanges': (input) => api['carriers:importRanges'](input),
    },
    weightSuggestions: [],
    weightSuggestionsError: null,
    loadWeightSuggestions: async () => {
      const result = await api['catalog:weightSuggestions']({});
      if (result.ok) set({ weightSuggestions: result.value, weightSuggestionsError: null });
      else set({ weightSuggestionsError: result.error });
    },
    applyWeightSuggestion: async (sku, unitWeightG) => {
      const result = await api['catalog:applyWeight']({ sku, unitWeightG });
      if (!result.ok) return result.error;
      await get().loadWeightSuggestions();
      return null;
    },
    appInfo: null,
    loadStation: async () => {
      const [settings, info] = await Promise.all([api['settings:get']({}), api['app:info']({})]);
      if (settings.ok) set({ settings: settings.value });
      if (info.ok) set({ appInfo: info.value });
      const failed = !settings.ok ? settings.error : !info.ok ? info.error : null;
      if (failed) set({ stationError: failed });
    },
    updateSettings: async (patch) => {
      const result = await api['settings:update'](patch);
      if (!result.ok) return result.error;
      set({ settings: result.value });
      return null;
    },
    loadBoxes: async () => {
      const result = await api['boxes:list']({});
      if (result.ok) set({ boxes: result.value });
    },
  });
}
