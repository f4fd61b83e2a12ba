import { useEffect, useRef, useState } from 'react';
import type { PackView } from '../../../../shared/contract';
import { formatKg } from '../../format/units';
import type { Problem } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import type { WeightOverrideInput } from '../../store/pack-types';
import { useAppStore } from '../../store/store-context';
import { reasonText } from './OverrideDialog';
import { OverrideDialogFrame } from './OverrideDialogFrame';
import type { MissingField } from './OverrideDialogFrame';
import { SupervisorCredentials, useSupervisorCredentials } from './SupervisorCredentials';

/**
 * A supervisor accepts a weight outside the tolerance (the contents were checked and are
 * right: a catalogue weight is off, extra padding). A reason from the station's list is
 * required; a packer who is not a supervisor gets one to approve it by badge or name and PIN.
 */
export function WeightOverrideDialog({ view }: { view: PackView }) {
  const { t, language } = useI18n();
  const reasons = useAppStore((state) => state.settings?.overrideReasons ?? []);
  const submitWeightOverride = useAppStore((state) => state.submitWeightOverride);
  const close = useAppStore((state) => state.closeWeightOverride);
  const busy = useAppStore((state) => state.packBusy);

  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const credentials = useSupervisorCredentials();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [missing, setMissing] = useState<Exclude<MissingField, 'quantity'> | null>(null);
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
    <OverrideDialogFrame
      testIdPrefix="weight-override"
      title={t('weightOverride.title')}
      missing={missing}
      problem={problem}
      busy={busy}
      submitLabel={t('weightOverride.submit')}
      onClose={close}
      onSubmit={() => void submit()}
    >
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
    </OverrideDialogFrame>
  );
}
