import { useEffect } from 'react';
import { useBenchSound } from './audio/use-bench-sound';
import { AlertBanner } from './components/AlertBanner';
import { SessionHeldBanner } from './components/SessionHeldBanner';
import { Toasts } from './components/Toasts';
import { TopBar } from './components/TopBar';
import { useI18n } from './i18n/use-i18n';
import { useScannerInput } from './input/use-scanner-input';
import { ScaleProvider } from './scale/scale-context';
import { DashboardScreen } from './screens/DashboardScreen';
import { PackScreen } from './screens/PackScreen';
import { PickScreen } from './screens/PickScreen';
import { QueueScreen } from './screens/QueueScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SignInScreen } from './screens/SignInScreen';
import { useIdleSignOut } from './session/use-idle-sign-out';
import type { AppStore } from './store/app-store';
import { StoreProvider, useAppStore, useAppStoreApi } from './store/store-context';

export function App({ store }: { store: AppStore }) {
  return (
    <StoreProvider store={store}>
      <ScaleProvider store={store}>
        <Bench />
      </ScaleProvider>
    </StoreProvider>
  );
}

function Bench() {
  const store = useAppStoreApi();
  const { t, language, describe } = useI18n();
  const screen = useAppStore((state) => state.screen);
  const signedIn = useAppStore((state) => state.operator !== null);
  const sessionChecked = useAppStore((state) => state.sessionChecked);
  const orderError = useAppStore((state) => state.orderError);
  const stationError = useAppStore((state) => state.stationError);
  const dismissOrderError = useAppStore((state) => state.dismissOrderError);
  const dismissStationError = useAppStore((state) => state.dismissStationError);

  useEffect(() => {
    const { loadStation, loadQueue, loadSession } = store.getState();
    void loadStation();
    void loadSession();
    void loadQueue();
  }, [store]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);

  useScannerInput(store);
  useIdleSignOut(store);
  useBenchSound();

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
      <SessionHeldBanner />
      <main className="main">
        {/* Nobody signed in: the sign-in screen instead of the bench, whatever screen was open. */}
        {!sessionChecked ? <p className="hint">{t('app.loading')}</p> : null}
        {sessionChecked && !signedIn ? <SignInScreen /> : null}
        {signedIn ? (
          <>
            {screen === 'queue' ? <QueueScreen /> : null}
            {screen === 'pack' ? <PackScreen /> : null}
            {screen === 'pick' ? <PickScreen /> : null}
            {screen === 'settings' ? <SettingsScreen /> : null}
            {screen === 'dashboard' ? <DashboardScreen /> : null}
          </>
        ) : null}
      </main>
      <Toasts />
    </div>
  );
}
