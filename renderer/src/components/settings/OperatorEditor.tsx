import { useEffect, useState } from 'react';
import type { AppErrorShape, Operator } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import type { MessageKey } from '../../i18n/translate';
import { SCAN_AS_TEXT_ATTRIBUTE } from '../../input/use-scanner-input';
import { useAppStore } from '../../store/store-context';

type Draft = { name: string; role: Operator['role']; pin: string; badge: string; clearBadge: boolean; active: boolean };

const EMPTY: Draft = { name: '', role: 'packer', pin: '', badge: '', clearBadge: false, active: true };

/**
 * Supervisors add and change operators here. The station only ever tells the screen names
 * and roles, never PINs or badges, so empty PIN and badge fields mean "keep what is stored".
 * The badge field takes a scan as text (data-scan-input="text"): scanning the new badge is
 * how it is entered, instead of the scan being routed as usual.
 */
export function OperatorEditor() {
  const { t, describe } = useI18n();
  const operator = useAppStore((state) => state.operator);
  const operators = useAppStore((state) => state.operators);
  const saveOperator = useAppStore((state) => state.saveOperator);
  const loadOperators = useAppStore((state) => state.loadOperators);
  const pushToast = useAppStore((state) => state.pushToast);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [local, setLocal] = useState<MessageKey | null>(null);
  const [refused, setRefused] = useState<AppErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  const supervisor = operator?.role === 'supervisor';

  useEffect(() => {
    void loadOperators();
  }, [loadOperators]);

  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const save = async () => {
    const name = draft.name.trim();
    if (name === '') return setLocal('operators.needName');
    if (draft.pin !== '' && !/^\d{4,12}$/.test(draft.pin)) return setLocal('operators.badPin');
    setLocal(null);
    const badge = draft.badge.trim();
    setSaving(true);
    const error = await saveOperator({
      name,
      role: draft.role,
      active: draft.active,
      ...(draft.pin !== '' ? { pin: draft.pin } : {}),
      ...(draft.clearBadge ? { badge: null } : badge !== '' ? { badge } : {}),
    });
    setSaving(false);
    setRefused(error);
    if (error === null) {
      pushToast('operators.saved', { name });
      setDraft(EMPTY);
    }
  };

  return (
    <section className="operator-editor" aria-labelledby="operators-title" data-testid="operator-editor">
      <h2 id="operators-title">{t('operators.title')}</h2>
      <h3>{t('operators.list')}</h3>
      {operators.length === 0 ? <p className="hint">{t('operators.none')}</p> : null}
      <ul className="operator-list">
        {operators.map((entry) => (
          <li key={entry.name} data-testid="operator-row" data-name={entry.name}>
            <span className="operator-name">{entry.name}</span> <span className="operator-role">{t(`role.${entry.role}`)}</span>
            {supervisor ? (
              <button
                type="button"
                data-testid={`operator-edit-${entry.name}`}
                onClick={() => setDraft({ ...EMPTY, name: entry.name, role: entry.role })}
              >
                {t('operators.edit')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {!supervisor ? (
        <p className="notice" data-testid="operators-supervisor-only">
          <span aria-hidden="true">ⓘ </span>
          {t('operators.supervisorOnly')}
        </p>
      ) : (
        <form
          className="settings-group"
          data-testid="operator-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <h3>{draft.name === '' ? t('operators.new') : draft.name}</h3>
          <label className="settings-field">
            <span>{t('operators.name')}</span>
            <input data-testid="operator-name-input" type="text" autoComplete="off" value={draft.name} onChange={(event) => edit('name', event.target.value)} />
          </label>
          <label className="settings-field">
            <span>{t('operators.role')}</span>
            <select data-testid="operator-role" value={draft.role} onChange={(event) => edit('role', event.target.value === 'supervisor' ? 'supervisor' : 'packer')}>
              <option value="packer">{t('role.packer')}</option>
              <option value="supervisor">{t('role.supervisor')}</option>
            </select>
          </label>
          <label className="settings-field">
            <span>{t('operators.pin')}</span>
            <input
              data-testid="operator-pin"
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              maxLength={12}
              value={draft.pin}
              onChange={(event) => edit('pin', event.target.value)}
            />
            <small className="hint">{t('operators.pinHint')}</small>
          </label>
          <label className="settings-field">
            <span>{t('operators.badge')}</span>
            <input
              data-testid="operator-badge"
              type="text"
              autoComplete="off"
              {...{ [SCAN_AS_TEXT_ATTRIBUTE]: 'text' }}
              disabled={draft.clearBadge}
              value={draft.badge}
              onChange={(event) => edit('badge', event.target.value)}
            />
            <small className="hint">{t('operators.badgeHint')}</small>
          </label>
          <label className="check-field">
            <input type="checkbox" data-testid="operator-clear-badge" checked={draft.clearBadge} onChange={(event) => edit('clearBadge', event.target.checked)} />
            <span>{t('operators.clearBadge')}</span>
          </label>
          <label className="check-field">
            <input type="checkbox" data-testid="operator-active" checked={draft.active} onChange={(event) => edit('active', event.target.checked)} />
            <span>{t('operators.active')}</span>
          </label>
          {local !== null || refused !== null ? (
            <p className="inline-error" role="alert" data-testid="operator-error">
              <span aria-hidden="true">✖ </span>
              {local !== null ? t(local) : refused !== null ? describe(refused) : null}
            </p>
          ) : null}
          <button type="submit" className="big-button primary" data-testid="operator-save" disabled={saving}>
            {saving ? t('common.saving') : t('operators.save')}
          </button>
        </form>
      )}
    </section>
  );
}
