import { useState } from 'react';
import type { RefObject } from 'react';
import type { PackView } from '../../../../shared/contract';
import { cmNumber, parseCmToMm } from '../../format/units';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

type Dims = { lengthMm: number; widthMm: number; heightMm: number };

const SIDES = [
  { name: 'length', key: 'pack.box.length' },
  { name: 'width', key: 'pack.box.width' },
  { name: 'height', key: 'pack.box.height' },
] as const;

export function BoxPicker({ pkg, panelRef }: { pkg: PackView['package']; panelRef: RefObject<HTMLElement | null> }) {
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

  const current =
    pkg.lengthMm !== null && pkg.widthMm !== null && pkg.heightMm !== null
      ? { lengthMm: pkg.lengthMm, widthMm: pkg.widthMm, heightMm: pkg.heightMm }
      : null;

  return (
    <section className="pack-step box-picker" ref={panelRef} tabIndex={-1} aria-labelledby="box-title" data-testid="box-picker">
      <h2 id="box-title">
        {t('pack.box.title')} <small className="hint">{t('pack.box.hotkeyHint')}</small>
      </h2>
      <div className="box-buttons">
        {boxes.map((box) => (
          <button
            key={box.id}
            type="button"
            className="box-button"
            data-testid={`box-${box.id}`}
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
