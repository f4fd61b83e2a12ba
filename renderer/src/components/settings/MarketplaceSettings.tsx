import { useState } from 'react';
import type { AppErrorShape, MarketplaceSettings as Marketplace } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import type { MessageKey } from '../../i18n/translate';
import { useAppStore } from '../../store/store-context';

type NumberKey = 'feedThreshold' | 'offlineBudgetHours' | 'atRiskMinutes' | 'pullIntervalMinutes';
type TextKey = 'marketplaceId' | 'spApiEndpoint' | 'lwaEndpoint';

const NUMBERS: Array<{ key: NumberKey; label: MessageKey }> = [
  { key: 'feedThreshold', label: 'settings.marketplace.feedThreshold' },
  { key: 'offlineBudgetHours', label: 'settings.marketplace.offlineBudgetHours' },
  { key: 'atRiskMinutes', label: 'settings.marketplace.atRiskMinutes' },
  { key: 'pullIntervalMinutes', label: 'settings.marketplace.pullIntervalMinutes' },
];

const TEXTS: Array<{ key: TextKey; label: MessageKey }> = [
  { key: 'marketplaceId', label: 'settings.marketplace.marketplaceId' },
  { key: 'spApiEndpoint', label: 'settings.marketplace.spApiEndpoint' },
  { key: 'lwaEndpoint', label: 'settings.marketplace.lwaEndpoint' },
];

/**
 * The supervisor's marketplace connection: which marketplace and endpoints, when to send by feed,
 * the offline budget, and the Login with Amazon credentials. The credentials are written once
 * and never shown again: the station only says whether it has them.
 */
export function MarketplaceSettings({ marketplace }: { marketplace: Marketplace }) {
  const { t, describe } = useI18n();
  const updateSettings = useAppStore((state) => state.updateSettings);
  const setCredentials = useAppStore((state) => state.setSyncCredentials);
  const status = useAppStore((state) => state.syncStatus);
  const pushToast = useAppStore((state) => state.pushToast);
  const [draft, setDraft] = useState(() => ({
    ...marketplace,
    feedThreshold: String(marketplace.feedThreshold),
    offlineBudgetHours: String(marketplace.offlineBudgetHours),
    atRiskMinutes: String(marketplace.atRiskMinutes),
    pullIntervalMinutes: String(marketplace.pullIntervalMinutes),
  }));
  const [secrets, setSecrets] = useState({ clientId: '', clientSecret: '', refreshToken: '' });
  const [error, setError] = useState<AppErrorShape | null>(null);

  const save = async () => {
    const numbers: Partial<Record<NumberKey, number>> = {};
    for (const { key, label } of NUMBERS) {
      const value = Number(draft[key].replace(',', '.'));
      if (draft[key].trim() === '' || !Number.isFinite(value)) return setError({ code: 'NOT_A_NUMBER', message: t('settings.notWholeNumber', { field: t(label) }) });
      numbers[key] = value;
    }
    const refused = await updateSettings({
      marketplace: { enabled: draft.enabled, marketplaceId: draft.marketplaceId.trim(), spApiEndpoint: draft.spApiEndpoint.trim(), lwaEndpoint: draft.lwaEndpoint.trim(), ...numbers },
    });
    setError(refused);
    if (!refused) pushToast('settings.saved');
  };

  const saveCredentials = async () => {
    const refused = await setCredentials(secrets);
    setError(refused);
    if (!refused) {
      setSecrets({ clientId: '', clientSecret: '', refreshToken: '' });
      pushToast('settings.saved');
    }
  };

  return (
    <form
      className="settings-form"
      data-testid="marketplace-settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset className="settings-group">
        <legend>{t('settings.marketplace.title')}</legend>
        <p className="hint">{t('settings.marketplace.hint')}</p>
        <label className="check-field">
          <input type="checkbox" data-testid="marketplace-enabled" checked={draft.enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} />
          <span>{t('settings.marketplace.enabled')}</span>
        </label>
        {TEXTS.map(({ key, label }) => (
          <label key={key} className="settings-field">
            <span>{t(label)}</span>
            <input type="text" autoComplete="off" data-testid={`marketplace-${key}`} value={draft[key]} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} />
          </label>
        ))}
        {NUMBERS.map(({ key, label }) => (
          <label key={key} className="settings-field">
            <span>{t(label)}</span>
            <input type="text" inputMode="decimal" autoComplete="off" data-testid={`marketplace-${key}`} value={draft[key]} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} />
          </label>
        ))}
        <button type="submit" className="big-button primary" data-testid="marketplace-save">
          {t('common.save')}
        </button>
      </fieldset>
      <fieldset className="settings-group">
        <legend>{t('settings.marketplace.credentials')}</legend>
        <p className="hint" data-testid="marketplace-credentials-state">
          {t(status && status.connection !== 'no-credentials' && status.connection !== 'off' ? 'settings.marketplace.credentialsStored' : 'settings.marketplace.credentialsMissing')}
        </p>
        {(['clientId', 'clientSecret', 'refreshToken'] as const).map((key) => (
          <label key={key} className="settings-field">
            <span>{t(`settings.marketplace.${key}`)}</span>
            <input type="password" autoComplete="off" data-testid={`marketplace-${key}`} value={secrets[key]} onChange={(event) => setSecrets({ ...secrets, [key]: event.target.value })} />
          </label>
        ))}
        <button
          type="button"
          className="big-button"
          data-testid="marketplace-save-credentials"
          disabled={secrets.clientId.trim() === '' || secrets.clientSecret.trim() === '' || secrets.refreshToken.trim() === ''}
          onClick={() => void saveCredentials()}
        >
          {t('settings.marketplace.saveCredentials')}
        </button>
      </fieldset>
      {error ? (
        <p className="inline-error" role="alert" data-testid="marketplace-error">
          {describe(error)}
        </p>
      ) : null}
    </form>
  );
}
