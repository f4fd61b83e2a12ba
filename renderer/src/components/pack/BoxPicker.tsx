import { useState } from 'react';
import type { RefObject } from 'react';
import type { PackView } from '../../../../shared/contract';
import { cmNumber, parseCmToMm } from '../../format/units';
import { isMessageKey } from '../../i18n/translate';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

type Dims = { lengthMm: number; widthMm: number; heightMm: number };

const SIDES = [
  { name: 'length', key: 'pack.box.length' },
  { name: 'width', key: 'pack.box.width' },
  { name: 'height', key: 'pack.box.height' },
] as const;

type Suggestion = PackView['boxSuggestion'];

export function BoxPicker({
  pkg,
  suggestion = null,
  panelRef,
}: {
  pkg: PackView['package'];
  suggestion?: Suggestion;
  panelRef: RefObject<HTMLElement | null>;
}) {
  const { t, language } = useI18n();
  const boxes = useAppStore((state) => state.boxes);
  const busy = useAppStore((state) => state.packBusy);
  const chooseBox = useAppStore((state) => state.chooseBox);
  const setCustomBox = useAppStore((state) => state.setCustomBox);
  const [custom, setCustom] = useState({ length: '', width: '', height: '' });
  const [invalid, setInvalid] = useState(false);

  const dimsText = (d: Dims) => t('pack.box.dims', { l: cmNumber(d.lengthMm), w: cmNumber(d.widthMm), h: cmNumber(d.heightMm) });

  const applyCustom = () => {
    const lengthMm = parseCmToMm(custom.length);
    const widthMm = parseCmToMm(custom.width);
    const heightMm = parseCmToMm(custom.height);
    if (lengthMm === null || widthMm === null || heightMm === null) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void setCustomBox({ lengthMm, widthMm, heightMm });
  };

  const suggestedBox = suggestion?.kind === 'suggestion' ? (boxes.find((box) => box.id === suggestion.boxId) ?? null) : null;

  const current =
    pkg.lengthMm !== null && pkg.widthMm !== null && pkg.heightMm !== null
      ? { lengthMm: pkg.lengthMm, widthMm: pkg.widthMm, heightMm: pkg.heightMm }
      : null;

  return (
    <section
      className="pack-step box-picker"
      ref={panelRef}
      tabIndex={-1}
      aria-labelledby="box-title"
      data-testid="box-picker"
      onKeyDown={(event) => {
        // Enter on the panel itself takes the suggestion: the packer's one gesture for the box.
        if (event.key === 'Enter' && event.target === event.currentTarget && suggestedBox !== null && !busy) {
          event.preventDefault();
          void chooseBox(suggestedBox.id);
        }
      }}
    >
      <h2 id="box-title">
        {t('pack.box.title')} <small className="hint">{t('pack.box.hotkeyHint')}</small>
      </h2>
      <BoxSuggestionLine suggestion={suggestion} suggestedName={suggestedBox === null ? null : language === 'zh-CN' ? suggestedBox.nameZh : suggestedBox.nameEn} hotkey={suggestedBox?.hotkey ?? null} />
      <div className="box-buttons">
        {boxes.map((box) => (
          <button
            key={box.id}
            type="button"
            className={suggestedBox?.id === box.id ? 'box-button box-button-suggested' : 'box-button'}
            data-testid={`box-${box.id}`}
            data-suggested={suggestedBox?.id === box.id ? 'true' : undefined}
            aria-pressed={pkg.boxId === box.id}
            disabled={busy}
            onClick={() => void chooseBox(box.id)}
          >
            {box.hotkey !== null ? <span className="hotkey">{box.hotkey}</span> : null}
            <span className="box-name">{language === 'zh-CN' ? box.nameZh : box.nameEn}</span>
            <span className="box-dims">
              {dimsText({ lengthMm: box.outerLengthMm, widthMm: box.outerWidthMm, heightMm: box.outerHeightMm })}
            </span>
          </button>
        ))}
      </div>
      <fieldset className="custom-box">
        <legend>{t('pack.box.custom')}</legend>
        {SIDES.map((side) => (
          <label key={side.name} className="custom-side">
            <span>{t(side.key)}</span>
            <input
              data-testid={`box-custom-${side.name}`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={custom[side.name]}
              onChange={(event) => setCustom({ ...custom, [side.name]: event.target.value })}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  applyCustom();
                }
              }}
            />
          </label>
        ))}
        <button type="button" className="big-button" data-testid="box-custom-apply" disabled={busy} onClick={applyCustom}>
          {t('pack.box.apply')}
        </button>
        {invalid ? (
          <p className="inline-error" role="alert" data-testid="box-custom-error">
            {t('pack.box.invalidDims')}
          </p>
        ) : null}
      </fieldset>
      {current !== null ? (
        <p className="current-value" data-testid="box-current">
          {t('pack.box.current', { dims: dimsText(current) })}
        </p>
      ) : null}
    </section>
  );
}

function BoxSuggestionLine({ suggestion, suggestedName, hotkey }: { suggestion: Suggestion; suggestedName: string | null; hotkey: number | null }) {
  const { t } = useI18n();
  if (suggestion === null) return null;
  if (suggestion.kind === 'suggestion') {
    if (suggestedName === null) return null;
    return (
      <p className="box-suggestion box-suggestion-ok" data-testid="box-suggested" data-box-id={suggestion.boxId}>
        ★ {t('pack.box.suggested', { box: suggestedName, fill: Math.round(suggestion.fillRatio * 100) })}{' '}
        <small className="hint">{hotkey === null ? t('pack.box.suggestedTakeEnter') : t('pack.box.suggestedTake', { key: hotkey })}</small>
      </p>
    );
  }
  if (suggestion.kind === 'unknown-dimensions') {
    return (
      <p className="box-suggestion box-suggestion-none" data-testid="box-suggestion-none" data-reason="unknown-dimensions">
        {t('pack.box.noDims', { skus: suggestion.skus.join(', ') })}
      </p>
    );
  }
  const key = `boxReason.${suggestion.reason}`;
  return (
    <p className="box-suggestion box-suggestion-none" data-testid="box-suggestion-none" data-reason={suggestion.reason}>
      {isMessageKey(key) ? t(key) : t('boxReason.other', { reason: suggestion.reason })}
    </p>
  );
}
