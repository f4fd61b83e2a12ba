import { useI18n } from '../i18n/use-i18n';
import { SyncConnection } from './SyncPanel';
import type { Screen } from '../store/types';
import { useAppStore } from '../store/store-context';

const SCREENS: Screen[] = ['queue', 'pack', 'pick', 'settings'];
/** The seller metrics are a supervisor's: a packer is not offered the dashboard. */
const SUPERVISOR_SCREENS: Screen[] = [...SCREENS, 'dashboard'];

export function TopBar() {
  const { t } = useI18n();
  const screen = useAppStore((state) => state.screen);
  const navigate = useAppStore((state) => state.navigate);
  const settings = useAppStore((state) => state.settings);
  const appInfo = useAppStore((state) => state.appInfo);
  const operator = useAppStore((state) => state.operator);
  const signOut = useAppStore((state) => state.signOut);
  const syncStatus = useAppStore((state) => state.syncStatus);
  return (
    <header className="top-bar">
      <span className="brand">{t('app.title')}</span>
      {/* No way round the sign-in screen: the screens are offered only to a signed-in operator. */}
      {operator ? (
        <nav className="nav">
          {(operator.role === 'supervisor' ? SUPERVISOR_SCREENS : SCREENS).map((name) => (
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
      ) : null}
      <span className="station">
        {operator && syncStatus ? <SyncConnection status={syncStatus} testId="top-sync-connection" /> : null}
        {settings ? <span data-testid="station-name">{t('nav.station', { station: settings.stationName })}</span> : null}
        {operator ? (
          <span className="operator" data-testid="operator-name" data-role={operator.role}>
            {t('nav.operator', { operator: operator.name })} {t('nav.role', { role: t(`role.${operator.role}`) })}
          </span>
        ) : null}
        {appInfo ? (
          <span className="app-version" data-testid="app-version">
            {t('nav.version', { version: appInfo.version, host: t(`host.${appInfo.host}`) })}
          </span>
        ) : null}
      </span>
      {operator ? (
        <button type="button" className="nav-button sign-out" data-testid="sign-out" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </button>
      ) : null}
    </header>
  );
}
