import { useEffect, useRef, useState } from 'react';
import type { PackLine, Reason } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import type { Problem } from '../../i18n/describe';
import { useAppStore } from '../../store/store-context';
import type { OverrideInput } from '../../store/pack-types';
import { OverrideDialogFrame } from './OverrideDialogFrame';
import type { MissingField } from './OverrideDialogFrame';
import { SupervisorCredentials, useSupervisorCredentials } from './SupervisorCredentials';

type Kind = OverrideInput['kind'];

export function reasonText(reason: Reason, language: string): string {
  return language === 'zh-CN' ? `${reason.zh} · ${reason.en}` : `${reason.en} · ${reason.zh}`;
}

/**
 * A supervisor's decision on one line: a unit verified without its barcode (damaged), or the
 * line shipped short. Each needs a reason from the station's list; a packer who is not a
 * supervisor gets one to approve it here, by badge scan or name and PIN.
 */
export function OverrideDialog({ line }: { line: PackLine }) {
  const { t, language } = useI18n();
  const settings = useAppStore((state) => state.settings);
  const submitOverride = useAppStore((state) => state.submitOverride);
  const closeOverride = useAppStore((state) => state.closeOverride);
  const busy = useAppStore((state) => state.packBusy);

  const remaining = Math.max(0, line.quantity - line.scanned - line.short);
  const [kind, setKind] = useState<Kind>('unit');
  const reasons = (kind === 'unit' ? settings?.overrideReasons : settings?.shortReasons) ?? [];
  const [reasonCode, setReasonCode] = useState('');
  const [quantity, setQuantity] = useState(String(remaining));
  const [note, setNote] = useState('');
  const credentials = useSupervisorCredentials();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [missing, setMissing] = useState<MissingField | null>(null);
  const firstField = useRef<HTMLInputElement>(null);

  const chosenReason = reasons.find((reason) => reason.code === reasonCode) ?? null;

  useEffect(() => {
    firstField.current?.focus();
  }, []);

  const submit = async () => {
    if (chosenReason === null) return setMissing('reason');
    const count = Number(quantity.trim());
    if (kind === 'short' && (!/^\d+$/.test(quantity.trim()) || count < 1 || count > remaining)) return setMissing('quantity');
    const approval = credentials.read();
    if (!approval.ok) return setMissing('supervisor');
    setMissing(null);
    const input: OverrideInput = { orderItemId: line.orderItemId, kind, reasonCode: chosenReason.code };
    if (note.trim() !== '') input.note = note.trim();
    if (kind === 'short') input.quantity = count;
    if (approval.supervisor !== undefined) input.supervisor = approval.supervisor;
    const answer = await submitOverride(input);
    if (!answer.ok) {
      setProblem(answer.problem);
      credentials.clearPin();
    }
  };

  return (
    <OverrideDialogFrame
      testIdPrefix="override"
      title={t('override.title', { sku: line.sku })}
      missing={missing}
      problem={problem}
      busy={busy}
      submitLabel={kind === 'unit' ? t('override.submit.unit') : t('override.submit.short')}
      onClose={closeOverride}
      onSubmit={() => void submit()}
    >
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
      <SupervisorCredentials credentials={credentials} testIdPrefix="override" />
    </OverrideDialogFrame>
  );
}
