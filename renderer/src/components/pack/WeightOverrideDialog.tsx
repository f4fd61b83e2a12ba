import { useEffect, useRef, useState } from 'react';
import type { PackView } from '../../../../shared/contract';
import { formatKg } from '../../format/units';
import type { Problem } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import type { WeightOverrideInput } from '../../store/pack-types';
import { useAppStore } from '../../store/store-context';
import { reasonText } from './OverrideDialog';
import { SupervisorCredentials, useSupervisorCredentials } from './SupervisorCredentials';

/**
 * A supervisor accepts a weight outside the tolerance (the contents were checked and are
 * right: a catalogue weight is off, extra padding). A reason from the station's list is
 * required; a packer who is not a supervisor gets one to approve it by badge or name and PIN.
 */
export function WeightOverrideDialog({ view }: { view: PackView }) {
  const { t, language, describe } = useI18n();
  const reasons = useAppStore((state) => state.settings?.overrideReasons ?? []);
  const submitWeightOverride = useAppStore((state) => state.submitWeightOverride);
  const close = useAppStore((state) => state.closeWeightOverride);
  const busy = useAppStore((state) => state.packBusy);

  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const credentials = useSupervisorCredentials();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [missing, setMissing] = useState<'reason' | 'supervisor' | null>(null);
  const firstField = useRef<HTMLSelectElement>(null);

  const chosen = reasons.find((reason) => reason.code === reasonCode) ?? null;
  const expected = view.expectedWeight;

  useEffect(() => {
    firstField.current?.focus();
  }, []);

  const submit = async () => {
    if (chosen === null) return setMissing('reason');
    const approval = credentials.read();
    if (!approval.ok) return setMissing('supervisor');
    const input: WeightOverrideInput = { reasonCode: chosen.code };
    if (approval.supervisor !== undefined) input.supervisor = approval.supervisor;
    setMissing(null);
    if (note.trim() !== '') input.note = note.trim();
    const answer = await submitWeightOverride(input);
    if (!answer.ok) {
      setProblem(answer.problem);
      credentials.clearPin();
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
        <SupervisorCredentials credentials={credentials} testIdPrefix="weight-override" />
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
