import { useI18n } from '../i18n/use-i18n';
import type { Screen } from '../store/types';
import { useAppStore } from '../store/store-context';

const SCREENS: Screen[] = ['queue', 'pack', 'settings'];

export function TopBar() {
  const { t } = useI18n();
  const screen = useAppStore((state) => state.screen);
  const navigate = useAppStore((state) => state.navigate);
  const settings = useAppStore((state) => state.settings);
  const appInfo = useAppStore((state) => state.appInfo);
  return (
    <header className="top-bar">
      <span className="brand">{t('app.title')}</span>
      <nav className="nav">
        {SCREENS.map((name) => (
          <button
            key={name}
            type="button"
            className="nav-button"
            data-testid={`nav-${name}`}
            aria-current={screen === name ? 'page' : undefined}
            onClick={() => navigate(name)}
          >
            {t(`nav.${name}`)}
          </button>
        ))}
      </nav>
      <span className="station">
        {settings ? (
          <>
            <span data-testid="station-name">{t('nav.station', { station: settings.stationName })}</span>
            <span data-testid="operator-name">{t('nav.operator', { operator: settings.operatorName })}</span>
          </>
        ) : null}
        {appInfo ? (
          <span className="app-version" data-testid="app-version">
            {t('nav.version', { version: appInfo.version, host: t(`host.${appInfo.host}`) })}
          </span>
        ) : null}
      </span>
    </header>
  );
}
