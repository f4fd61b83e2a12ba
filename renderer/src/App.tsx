import { useEffect } from 'react';
import { AlertBanner } from './components/AlertBanner';
import { Toasts } from './components/Toasts';
import { TopBar } from './components/TopBar';
import { useStationWedge } from './hooks/use-station-wedge';
import { useI18n } from './i18n/use-i18n';
import { PackScreen } from './screens/PackScreen';
import { QueueScreen } from './screens/QueueScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import type { AppStore } from './store/app-store';
import { StoreProvider, useAppStore, useAppStoreApi } from './store/store-context';

export function App({ store }: { store: AppStore }) {
  return (
    <StoreProvider store={store}>
      <Bench />
    </StoreProvider>
  );
}

function Bench() {
  const store = useAppStoreApi();
  const { t, language, describe } = useI18n();
  const screen = useAppStore((state) => state.screen);
  const orderError = useAppStore((state) => state.orderError);
  const stationError = useAppStore((state) => state.stationError);
  const dismissOrderError = useAppStore((state) => state.dismissOrderError);
  const dismissStationError = useAppStore((state) => state.dismissStationError);

  useEffect(() => {
    const { loadStation, loadQueue } = store.getState();
    void loadStation();
    void loadQueue();
  }, [store]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  useStationWedge(store);

  return (
    <div className="app">
      <TopBar />
      {stationError ? (
        <AlertBanner
          size="bar"
          testId="station-error"
          ackTestId="station-error-dismiss"
          code={stationError.code}
          message={describe(stationError)}
          onAcknowledge={dismissStationError}
        />
      ) : null}
      {orderError ? (
        <AlertBanner
          testId="order-error"
          ackTestId="order-error-dismiss"
          code={orderError.code}
          message={describe(orderError)}
          onAcknowledge={dismissOrderError}
        />
      ) : null}
      <main className="main">
        {screen === 'queue' ? <QueueScreen /> : null}
        {screen === 'pack' ? <PackScreen /> : null}
        {screen === 'settings' ? <SettingsScreen /> : null}
      </main>
      <Toasts />
    </div>
  );
}
