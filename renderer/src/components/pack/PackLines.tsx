import { useState } from 'react';
import type { PackLine } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import type { AcceptedScan } from '../../store/types';

function names(line: PackLine, language: string): { primary: string; secondary: string | null } {
  const primary = language === 'zh-CN' ? (line.nameZh ?? line.nameEn ?? line.productName) : (line.nameEn ?? line.productName);
  const other = language === 'zh-CN' ? line.nameEn : line.nameZh;
  return { primary, secondary: other !== null && other !== primary ? other : null };
}

type Props = {
  lines: PackLine[];
  lastAccepted: AcceptedScan | null;
  /** Units may still go into the current package (not closed, not blocked, no prompt open). */
  packing: boolean;
};

export function PackLines({ lines, lastAccepted, packing }: Props) {
  const { t, language } = useI18n();
  return (
    <table className="pack-lines">
      <thead>
        <tr>
          <th scope="col">{t('pack.col.bin')}</th>
          <th scope="col">{t('pack.col.product')}</th>
          <th scope="col">{t('pack.col.sku')}</th>
          <th scope="col">{t('pack.col.gtin')}</th>
          <th scope="col" className="count-col">
            {t('pack.col.inPackage')}
          </th>
          <th scope="col" className="count-col">
            {t('pack.col.scanned')}
          </th>
          <th scope="col">{t('pack.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const { primary, secondary } = names(line, language);
          const done = line.scanned + line.short;
          const complete = done >= line.quantity;
          const flashed = lastAccepted !== null && lastAccepted.sku === line.sku;
          return (
            <tr
              // A new key restarts the green flash on every accepted unit of this line.
              key={flashed ? `${line.orderItemId}:${lastAccepted.seq}` : line.orderItemId}
              className={`pack-line${complete ? ' line-complete' : ''}${flashed ? ' line-flash' : ''}`}
              data-testid="pack-line"
              data-sku={line.sku}
              data-complete={complete ? 'true' : 'false'}
            >
              <td className="bin" data-testid="line-bin">
                {line.binLocation ?? '—'}
              </td>
              <td className="product">
                <span className="product-name">{primary}</span>
                {secondary !== null ? <span className="product-name-other">{secondary}</span> : null}
                {!line.inCatalog ? <span className="not-in-catalog">⚠ {t('pack.line.notInCatalog')}</span> : null}
                {line.serialRequired ? <span className="line-tag"># {t('pack.line.serialRequired')}</span> : null}
              </td>
              <td className="sku">{line.sku}</td>
              <td className="gtin">{line.gtin ?? '—'}</td>
              <td className="line-in-package" data-testid="line-in-package">
                {line.inPackage}
              </td>
              <td className="line-count" data-testid="pack-line-count">
                {complete ? <span aria-hidden="true">✔ </span> : null}
                <span>{t('pack.line.progress', { scanned: line.scanned, quantity: line.quantity })}</span>
                {line.short > 0 ? (
                  <span className="line-short" data-testid="line-short">
                    {' '}
                    ⚠ {t('pack.line.short', { count: line.short })}
                  </span>
                ) : null}
              </td>
              <td>
                <div className="line-actions">
                  {packing && line.quantityEntryAllowed && !line.serialRequired && line.inPackage >= 1 && !complete ? <QuantityEntry line={line} /> : null}
                  {packing && !complete ? <OverrideButton line={line} /> : null}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One scan, then the count typed: only for lines the catalogue allows it for. */
function QuantityEntry({ line }: { line: PackLine }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const enterQuantity = useAppStore((state) => state.enterQuantity);
  const submit = () => {
    const quantity = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || quantity < 1) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setText('');
    void enterQuantity(line.orderItemId, quantity);
  };
  const id = `quantity-${line.orderItemId}`;
  return (
    <span className="quantity-entry">
      <label htmlFor={id}>{t('pack.quantity.label')}</label>
      <input
        id={id}
        data-testid={`quantity-input-${line.orderItemId}`}
        className="quantity-input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('pack.quantity.placeholder', { max: line.inPackage + line.quantity - line.scanned - line.short })}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            submit();
          }
        }}
      />
      {invalid ? (
        <span className="inline-error" role="alert">
          {t('pack.quantity.invalid')}
        </span>
      ) : null}
    </span>
  );
}

function OverrideButton({ line }: { line: PackLine }) {
  const { t } = useI18n();
  const openOverride = useAppStore((state) => state.openOverride);
  return (
    <button type="button" className="override-button" data-testid={`override-${line.orderItemId}`} onClick={() => openOverride(line.orderItemId)}>
      {t('pack.override.open')}
    </button>
  );
}
