import { useState } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import type { OverrideInput } from '../../store/pack-types';
import { useAppStore } from '../../store/store-context';

type CredentialMode = 'badge' | 'pin';
export type SupervisorApproval = NonNullable<OverrideInput['supervisor']>;

/**
 * A supervisor's approval for an override when the signed-in operator is not one: a badge
 * scan (held in the store, so the station's scanner can fill it) or name and PIN.
 */
export function useSupervisorCredentials() {
  const operator = useAppStore((state) => state.operator);
  const operators = useAppStore((state) => state.operators);
  const badge = useAppStore((state) => state.supervisorBadge);
  const setBadge = useAppStore((state) => state.setSupervisorBadge);
  const [mode, setMode] = useState<CredentialMode>('badge');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');

  const needed = operator?.role !== 'supervisor';
  const supervisors = operators.filter((candidate) => candidate.role === 'supervisor');

  /** The approval to send: none when not needed, `ok: false` when it is needed but incomplete. */
  const read = (): { ok: true; supervisor: SupervisorApproval | undefined } | { ok: false } => {
    if (!needed) return { ok: true, supervisor: undefined };
    if (mode === 'badge' && badge.trim() !== '') return { ok: true, supervisor: { badge: badge.trim() } };
    if (mode === 'pin' && name.trim() !== '' && /^\d{4,12}$/.test(pin)) return { ok: true, supervisor: { name: name.trim(), pin } };
    return { ok: false };
  };

  return { needed, supervisors, mode, setMode, badge, setBadge, name, setName, pin, setPin, clearPin: () => setPin(''), read };
}

export type SupervisorCredentialsState = ReturnType<typeof useSupervisorCredentials>;

/** The badge-or-PIN fieldset; every test id is `${testIdPrefix}-…` (e.g. override-badge). */
export function SupervisorCredentials({ credentials, testIdPrefix }: { credentials: SupervisorCredentialsState; testIdPrefix: string }) {
  const { t } = useI18n();
  const { needed, supervisors, mode, setMode, badge, setBadge, name, setName, pin, setPin } = credentials;
  if (!needed) return null;
  return (
    <fieldset className="override-supervisor" data-testid={`${testIdPrefix}-supervisor`}>
      <legend>{t('override.supervisor')}</legend>
      <p className="hint">{t('override.supervisor.hint')}</p>
      <div className="supervisor-modes" role="group">
        <button type="button" aria-pressed={mode === 'badge'} data-testid={`${testIdPrefix}-mode-badge`} onClick={() => setMode('badge')}>
          {t('override.supervisor.badgeMode')}
        </button>
        <button type="button" aria-pressed={mode === 'pin'} data-testid={`${testIdPrefix}-mode-pin`} onClick={() => setMode('pin')}>
          {t('override.supervisor.pinMode')}
        </button>
      </div>
      {mode === 'badge' ? (
        <label className="dialog-field">
          <span>{t('override.supervisor.badge')}</span>
          <input data-testid={`${testIdPrefix}-badge`} type="password" autoComplete="off" value={badge} onChange={(event) => setBadge(event.target.value)} />
          {badge !== '' ? <span className="ok-text">✔ {t('override.supervisor.badgeRead')}</span> : null}
        </label>
      ) : (
        <>
          <label className="dialog-field">
            <span>{t('override.supervisor.name')}</span>
            {supervisors.length > 0 ? (
              <select data-testid={`${testIdPrefix}-supervisor-name`} value={name} onChange={(event) => setName(event.target.value)}>
                <option value="">{t('override.supervisor.chooseName')}</option>
                {supervisors.map((candidate) => (
                  <option key={candidate.name} value={candidate.name}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            ) : (
              <input data-testid={`${testIdPrefix}-supervisor-name`} type="text" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
            )}
          </label>
          <label className="dialog-field">
            <span>{t('override.supervisor.pin')}</span>
            <input
              data-testid={`${testIdPrefix}-supervisor-pin`}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(event) => setPin(event.target.value)}
            />
          </label>
        </>
      )}
    </fieldset>
  );
}
