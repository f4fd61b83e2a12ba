import type { CarrierApi } from '../../store/types';
import { useAppStore } from '../../store/store-context';

export type { CarrierApi };

/** The store's own (session-guarded) API, narrowed to the carrier channels. */
export function useCarrierApi(): CarrierApi {
  return useAppStore((state) => state.carrierApi);
}
