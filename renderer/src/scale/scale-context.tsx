import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { AppStore } from '../store/app-store';
import type { AppState } from '../store/types';
import { createScaleService } from './scale-service';
import type { ScaleService, ScaleSnapshot } from './scale-service';
import { browserDeviceApis } from './web-devices';
import type { DeviceApis } from './web-devices';

const ScaleContext = createContext<ScaleService | null>(null);

/**
 * The package the scale may weigh now, or null: a package whose units are all in (closed in
 * the station's words) and that has no label yet, of an order that is not cancelled. Its key
 * changes for each package, which is how the capture rule learns that a new box is on the way.
 */
export function scalePackageKey(state: Pick<AppState, 'view' | 'orderCancelled' | 'operator'>): string | null {
  const { view } = state;
  if (view === null || state.operator === null || state.orderCancelled || view.order.status === 'cancelled') return null;
  if (!view.packageClosed || view.package.trackingNumber !== null) return null;
  return `${view.order.orderId}#${view.package.id}`;
}

/**
 * One scale reader for the whole session, wired to the store: the scale settings choose its
 * source, the open package decides whether a reading may be taken, and a taken weight goes to
 * the station as `pack:setWeight` with source 'scale'.
 */
export function ScaleProvider({ store, devices, children }: { store: AppStore; devices?: DeviceApis; children: ReactNode }) {
  const [service] = useState(() =>
    createScaleService({
      devices: devices ?? browserDeviceApis(),
      onTake: (grams, key) => {
        const state = store.getState();
        // The package may have changed between the reading and now: never weigh the wrong one.
        if (scalePackageKey(state) !== key) return;
        void state.setWeight(`${grams} g`, 'scale');
      },
    }),
  );

  useEffect(() => {
    const sync = (state: AppState) => {
      if (state.settings !== null) service.configure(state.settings.scale);
      service.setPackage(scalePackageKey(state));
    };
    sync(store.getState());
    const unsubscribe = store.subscribe(sync);
    return () => {
      unsubscribe();
      service.dispose();
    };
  }, [store, service]);

  return <ScaleContext.Provider value={service}>{children}</ScaleContext.Provider>;
}

export function useScale(): { service: ScaleService | null; snapshot: ScaleSnapshot | null } {
  const service = useContext(ScaleContext);
  const snapshot = useSyncExternalStore(
    (listener) => (service === null ? () => undefined : service.subscribe(listener)),
    () => (service === null ? null : service.snapshot()),
  );
  return { service, snapshot };
}
