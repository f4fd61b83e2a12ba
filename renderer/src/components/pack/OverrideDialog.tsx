import { useEffect, useRef, useState } from 'react';
import type { PackLine, Reason } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import type { Problem } from '../../i18n/describe';
import { useAppStore } from '../../store/store-context';
import type { OverrideInput } from '../../store/pack-types';

type Kind = OverrideInput['kind'];
type CredentialMode = 'badge' | 'pin';

export function reasonText(reason: Reason, language: string): string {
  return language === 'zh-CN' ? `${reason.zh} · ${reason.en}` : `${reason.en} · ${reason.zh}`;
}

/**
 * A supervisor's decision on one line: a unit verified without its barcode (damaged), or the
 * line shipped short. Each needs a reason from the station's list; a packer who is not a
 * supervisor gets one to approve it here, by badge scan or name and PIN.
 */
export function OverrideDialog({ line }: { line: PackLine }) {
  const { t, language, describe } = useI18n();
  const settings = useAppStore((state) => state.settings);
  const operator = useAppStore((state) => state.operator);
  const operators = useAppStore((state) => state.operators);
  const badge = useAppStore((state) => state.supervisorBadge);
  const setBadge = useAppStore((state) => state.setSupervisorBadge);
  const submitOverride = useAppStore((state) => state.submitOverride);
  const closeOverride = useAppStore((state) => state.closeOverride);
  const busy = useAppStore((state) => state.packBusy);

  const remaining = Math.max(0, line.quantity - line.scanned - line.short);
  const [kind, setKind] = useState<Kind>('unit');
  const reasons = (kind === 'unit' ? settings?.overrideReasons : settings?.shortReasons) ?? [];
  const [reasonCode, setReasonCode] = useState('');
  const [quantity, setQuantity] = useState(String(remaining));
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<CredentialMode>('badge');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [missing, setMissing] = useState<'reason' | 'quantity' | 'supervisor' | null>(null);
  const firstField = useRef<HTMLInputElement>(null);

  const needsSupervisor = operator?.role !== 'supervisor';
  const supervisors = operators.filter((candidate) => candidate.role === 'supervisor');
  const chosenReason = reasons.find((reason) => reason.code === reasonCode) ?? null;

  useEffect(() => {
    firstField.current?.focus();
  }, []);

  const submit = async () => {
    if (chosenReason === null) return setMissing('reason');
    const count = Number(quantity.trim());
    if (kind === 'short' && (!/^\d+$/.test(quantity.trim()) || count < 1 || count > remaining)) return setMissing('quantity');
    let supervisor: OverrideInput['supervisor'];
    if (needsSupervisor) {
      if (mode === 'badge' && badge.trim() !== '') supervisor = { badge: badge.trim() };
      else if (mode === 'pin' && name.trim() !== '' && /^\d{4,12}$/.test(pin)) supervisor = { name: name.trim(), pin };
      else return setMissing('supervisor');
    }
    setMissing(null);
    const input: OverrideInput = { orderItemId: line.orderItemId, kind, reasonCode: chosenReason.code };
    if (note.trim() !== '') input.note = note.trim();
    if (kind === 'short') input.quantity = count;
    if (supervisor !== undefined) input.supervisor = supervisor;
    const answer = await submitOverride(input);
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
        aria-labelledby="override-title"
        data-testid="override-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            // The dialog closes; the red message behind it (if any) is not acknowledged by this key.
            event.preventDefault();
            event.stopPropagation();
            closeOverride();
          }
        }}
      >
        <h2 id="override-title">{t('override.title', { sku: line.sku })}</h2>
        <p className="hint">{t('override.remaining', { count: remaining })}</p>
        <fieldset className="override-kind">
          <legend>{t('override.kind')}</legend>
          <label>
            <input
              ref={firstField}
              type="radio"
              name="override-kind"
              data-testid="override-kind-unit"
              checked={kind === 'unit'}
              onChange={() => {
                setKind('unit');
                setReasonCode('');
              }}
            />{' '}
            {t('override.kind.unit')}
          </label>
          <label>
            <input
              type="radio"
              name="override-kind"
              data-testid="override-kind-short"
              checked={kind === 'short'}
              onChange={() => {
                setKind('short');
                setReasonCode('');
              }}
            />{' '}
            {t('override.kind.short')}
          </label>
        </fieldset>
        <label className="dialog-field">
          <span>{t('override.reason')}</span>
          <select data-testid="override-reason" value={reasonCode} onChange={(event) => setReasonCode(event.target.value)}>
            <option value="">{t('override.reason.choose')}</option>
            {reasons.map((reason) => (
              <option key={reason.code} value={reason.code}>
                {reasonText(reason, language)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'short' ? (
          <label className="dialog-field">
            <span>{t('override.quantity')}</span>
            <input data-testid="override-quantity" type="text" inputMode="numeric" value={quantity} onChange={(event) => setQuantity(event.target.value)} />
          </label>
        ) : null}
        <label className="dialog-field">
          <span>{t('override.note')}</span>
          <textarea data-testid="override-note" rows={2} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
        </label>
        {needsSupervisor ? (
          <fieldset className="override-supervisor" data-testid="override-supervisor">
            <legend>{t('override.supervisor')}</legend>
            <p className="hint">{t('override.supervisor.hint')}</p>
            <div className="supervisor-modes" role="group">
              <button type="button" aria-pressed={mode === 'badge'} data-testid="override-mode-badge" onClick={() => setMode('badge')}>
                {t('override.supervisor.badgeMode')}
              </button>
              <button type="button" aria-pressed={mode === 'pin'} data-testid="override-mode-pin" onClick={() => setMode('pin')}>
                {t('override.supervisor.pinMode')}
              </button>
            </div>
            {mode === 'badge' ? (
              <label className="dialog-field">
                <span>{t('override.supervisor.badge')}</span>
                <input
                  data-testid="override-badge"
                  type="password"
                  autoComplete="off"
                  value={badge}
                  onChange={(event) => setBadge(event.target.value)}
                />
                {badge !== '' ? <span className="ok-text">✔ {t('override.supervisor.badgeRead')}</span> : null}
              </label>
            ) : (
              <>
                <label className="dialog-field">
                  <span>{t('override.supervisor.name')}</span>
                  {supervisors.length > 0 ? (
                    <select data-testid="override-supervisor-name" value={name} onChange={(event) => setName(event.target.value)}>
                      <option value="">{t('override.supervisor.chooseName')}</option>
                      {supervisors.map((candidate) => (
                        <option key={candidate.name} value={candidate.name}>
                          {candidate.name}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input data-testid="override-supervisor-name" type="text" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
                  )}
                </label>
                <label className="dialog-field">
                  <span>{t('override.supervisor.pin')}</span>
                  <input
                    data-testid="override-supervisor-pin"
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
          <p className="inline-error" role="alert" data-testid="override-missing">
            {t(`override.missing.${missing}`)}
          </p>
        ) : null}
        {problem !== null ? (
          <p className="inline-error" role="alert" data-testid="override-error" data-code={problem.code}>
            ✖ {describe(problem)}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="big-button" data-testid="override-cancel" onClick={closeOverride}>
            {t('override.cancel')}
          </button>
          <button type="button" className="big-button primary" data-testid="override-submit" disabled={busy} onClick={() => void submit()}>
            {kind === 'unit' ? t('override.submit.unit') : t('override.submit.short')}
          </button>
        </div>
      </div>
    </div>
  );
}
