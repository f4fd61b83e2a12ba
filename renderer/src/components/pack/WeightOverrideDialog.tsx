import { useEffect, useRef, useState } from 'react';
import type { PackView } from '../../../../shared/contract';
import { formatKg } from '../../format/units';
import type { Problem } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import type { WeightOverrideInput } from '../../store/pack-types';
import { useAppStore } from '../../store/store-context';
import { reasonText } from './OverrideDialog';

type CredentialMode = 'badge' | 'pin';

/**
 * A supervisor accepts a weight outside the tolerance (the contents were checked and are
 * right: a catalogue weight is off, extra padding). A reason from the station's list is
 * required; a packer who is not a supervisor gets one to approve it by badge or name and PIN.
 */
export function WeightOverrideDialog({ view }: { view: PackView }) {
  const { t, language, describe } = useI18n();
  const reasons = useAppStore((state) => state.settings?.overrideReasons ?? []);
  const operator = useAppStore((state) => state.operator);
  const operators = useAppStore((state) => state.operators);
  const badge = useAppStore((state) => state.supervisorBadge);
  const setBadge = useAppStore((state) => state.setSupervisorBadge);
  const submitWeightOverride = useAppStore((state) => state.submitWeightOverride);
  const close = useAppStore((state) => state.closeWeightOverride);
  const busy = useAppStore((state) => state.packBusy);

  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<CredentialMode>('badge');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [missing, setMissing] = useState<'reason' | 'supervisor' | null>(null);
  const firstField = useRef<HTMLSelectElement>(null);

  const needsSupervisor = operator?.role !== 'supervisor';
  const supervisors = operators.filter((candidate) => candidate.role === 'supervisor');
  const chosen = reasons.find((reason) => reason.code === reasonCode) ?? null;
  const expected = view.expectedWeight;

  useEffect(() => {
    firstField.current?.focus();
  }, []);

  const submit = async () => {
    if (chosen === null) return setMissing('reason');
    const input: WeightOverrideInput = { reasonCode: chosen.code };
    if (needsSupervisor) {
      if (mode === 'badge' && badge.trim() !== '') input.supervisor = { badge: badge.trim() };
      else if (mode === 'pin' && name.trim() !== '' && /^\d{4,12}$/.test(pin)) input.supervisor = { name: name.trim(), pin };
      else return setMissing('supervisor');
    }
    setMissing(null);
    if (note.trim() !== '') input.note = note.trim();
    const answer = await submitWeightOverride(input);
    if (!answer.ok) {
      setProblem(answer.problem);
      setPin('');
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog override-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="weight-override-title"
        data-testid="weight-override-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            close();
          }
        }}
      >
        <h2 id="weight-override-title">{t('weightOverride.title')}</h2>
        {expected !== null && expected.expectedG !== null && view.package.weightG !== null ? (
          <p className="hint">{t('weightOverride.summary', { expected: formatKg(expected.expectedG), measured: formatKg(view.package.weightG) })}</p>
        ) : null}
        <label className="dialog-field">
          <span>{t('override.reason')}</span>
          <select ref={firstField} data-testid="weight-override-reason" value={reasonCode} onChange={(event) => setReasonCode(event.target.value)}>
            <option value="">{t('override.reason.choose')}</option>
            {reasons.map((reason) => (
              <option key={reason.code} value={reason.code}>
                {reasonText(reason, language)}
              </option>
            ))}
          </select>
        </label>
        <label className="dialog-field">
          <span>{t('override.note')}</span>
          <textarea data-testid="weight-override-note" rows={2} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
        </label>
        {needsSupervisor ? (
          <fieldset className="override-supervisor" data-testid="weight-override-supervisor">
            <legend>{t('override.supervisor')}</legend>
            <p className="hint">{t('override.supervisor.hint')}</p>
            <div className="supervisor-modes" role="group">
              <button type="button" aria-pressed={mode === 'badge'} data-testid="weight-override-mode-badge" onClick={() => setMode('badge')}>
                {t('override.supervisor.badgeMode')}
              </button>
              <button type="button" aria-pressed={mode === 'pin'} data-testid="weight-override-mode-pin" onClick={() => setMode('pin')}>
                {t('override.supervisor.pinMode')}
              </button>
            </div>
            {mode === 'badge' ? (
              <label className="dialog-field">
                <span>{t('override.supervisor.badge')}</span>
                <input data-testid="weight-override-badge" type="password" autoComplete="off" value={badge} onChange={(event) => setBadge(event.target.value)} />
                {badge !== '' ? <span className="ok-text">✔ {t('override.supervisor.badgeRead')}</span> : null}
              </label>
            ) : (
              <>
                <label className="dialog-field">
                  <span>{t('override.supervisor.name')}</span>
                  <select data-testid="weight-override-supervisor-name" value={name} onChange={(event) => setName(event.target.value)}>
                    <option value="">{t('override.supervisor.chooseName')}</option>
                    {supervisors.map((candidate) => (
                      <option key={candidate.name} value={candidate.name}>
                        {candidate.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="dialog-field">
                  <span>{t('override.supervisor.pin')}</span>
                  <input
                    data-testid="weight-override-supervisor-pin"
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
        ) : null}
        {missing !== null ? (
          <p className="inline-error" role="alert" data-testid="weight-override-missing">
            {t(`override.missing.${missing}`)}
          </p>
        ) : null}
        {problem !== null ? (
          <p className="inline-error" role="alert" data-testid="weight-override-error" data-code={problem.code}>
            ✖ {describe(problem)}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="big-button" data-testid="weight-override-cancel" onClick={close}>
            {t('override.cancel')}
          </button>
          <button type="button" className="big-button primary" data-testid="weight-override-submit" disabled={busy} onClick={() => void submit()}>
            {t('weightOverride.submit')}
          </button>
        </div>
      </div>
    </div>
  );
}
