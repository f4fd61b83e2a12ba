import { useState } from 'react';
import type { RefObject } from 'react';
import type { PackView } from '../../../../shared/contract';
import { formatGrams, formatKg } from '../../format/units';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import { reasonText } from './OverrideDialog';
import { ScalePanel } from './ScalePanel';

/** The measured weight is outside the expected one and no supervisor has accepted it. */
export function weightOutOfTolerance(view: PackView): boolean {
  return view.package.weightG !== null && view.expectedWeight !== null && !view.expectedWeight.ok && view.weightOverride === null;
}

/**
 * The weight: from the scale when one is set up (taken by the capture rule, see scale/), or
 * typed ("1.2 kg", "850 g"), which the station parses and checks. Beside it, what the package
 * should weigh, and a red block when the two disagree by more than the tolerance.
 */
export function WeightEntry({ view, inputRef }: { view: PackView; inputRef: RefObject<HTMLInputElement | null> }) {
  const { t, language } = useI18n();
  const [text, setText] = useState('');
  const overrideReasons = useAppStore((state) => state.settings?.overrideReasons);
  const busy = useAppStore((state) => state.packBusy);
  const setWeight = useAppStore((state) => state.setWeight);
  const openWeightOverride = useAppStore((state) => state.openWeightOverride);
  const scaleMode = useAppStore((state) => state.settings?.scale.mode ?? 'none');
  const submit = () => void setWeight(text, 'typed');
  const weightG = view.package.weightG;
  const expected = view.expectedWeight;
  const outOfTolerance = weightOutOfTolerance(view);
  const overrideReason = overrideReasons?.find((candidate) => candidate.code === view.weightOverride);

  const weighAgain = () => {
    setText('');
    inputRef.current?.focus();
  };

  return (
    <section className="pack-step weight-entry" aria-labelledby="weight-title">
      <h2 id="weight-title">{t('pack.weight.title')}</h2>
      {scaleMode !== 'none' ? <ScalePanel expectedG={expected?.expectedG ?? null} /> : null}
      <div className="weight-row">
        <input
          ref={inputRef}
          data-testid="weight-input"
          className="big-input"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          aria-labelledby="weight-title"
          placeholder={t('pack.weight.placeholder')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              submit();
            }
          }}
        />
        <button type="button" className="big-button" data-testid="weight-submit" disabled={busy} onClick={submit}>
          {t('pack.weight.submit')}
        </button>
      </div>
      {expected !== null && expected.expectedG !== null ? (
        <p className="expected-weight" data-testid="expected-weight" data-expected-g={expected.expectedG}>
          {expected.toleranceG !== null
            ? t('pack.weight.expected', { weight: formatKg(expected.expectedG), tolerance: formatGrams(expected.toleranceG) })
            : t('pack.weight.expectedOnly', { weight: formatKg(expected.expectedG) })}
        </p>
      ) : null}
      {weightG !== null ? (
        <p className="current-value" data-testid="weight-current">
          {t('pack.weight.current', { weight: formatKg(weightG) })}{' '}
          {view.weightSource !== null ? (
            <span className={`weight-source weight-source-${view.weightSource}`} data-testid="weight-source" data-source={view.weightSource}>
              {t(view.weightSource === 'scale' ? 'pack.weight.source.scale' : 'pack.weight.source.typed')}
            </span>
          ) : null}
        </p>
      ) : null}
      {view.weightOverride !== null ? (
        <p className="weight-overridden" data-testid="weight-overridden">
          ⚠{' '}
          {t('pack.weight.overridden', { reason: overrideReason === undefined ? view.weightOverride : reasonText(overrideReason, language) })}
        </p>
      ) : null}
      {outOfTolerance && expected !== null && weightG !== null ? (
        <div className="weight-out-of-tolerance" role="alert" data-testid="weight-out-of-tolerance">
          <p className="weight-block-title">✖ {t('pack.weight.checkContents')}</p>
          <p>
            {t('pack.weight.outOfTolerance', {
              expected: expected.expectedG === null ? '—' : formatKg(expected.expectedG),
              measured: formatKg(weightG),
              difference: expected.differenceG === null ? '—' : `${expected.differenceG > 0 ? '+' : '−'}${formatGrams(Math.abs(expected.differenceG))}`,
              tolerance: expected.toleranceG === null ? '—' : formatGrams(expected.toleranceG),
            })}
          </p>
          <div className="weight-block-actions">
            <button type="button" className="big-button" data-testid="weight-again" onClick={weighAgain}>
              {t('pack.weight.again')}
            </button>
            <button type="button" className="big-button" data-testid="weight-override" onClick={openWeightOverride}>
              {t('pack.weight.override')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
