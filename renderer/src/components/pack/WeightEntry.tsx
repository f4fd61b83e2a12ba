import { useState } from 'react';
import type { RefObject } from 'react';
import { formatKg } from '../../format/units';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

/** The weight goes to the station as typed ("1.2 kg", "850 g"); it parses and checks it. */
export function WeightEntry({ weightG, inputRef }: { weightG: number | null; inputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const busy = useAppStore((state) => state.packBusy);
  const setWeight = useAppStore((state) => state.setWeight);
  const submit = () => void setWeight(text);
  return (
    <section className="pack-step weight-entry" aria-labelledby="weight-title">
      <h2 id="weight-title">{t('pack.weight.title')}</h2>
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
      {weightG !== null ? (
        <p className="current-value" data-testid="weight-current">
          {t('pack.weight.current', { weight: formatKg(weightG) })}
        </p>
      ) : null}
    </section>
  );
}
