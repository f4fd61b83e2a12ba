import type { PackLine } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import type { AcceptedScan } from '../../store/types';

function names(line: PackLine, language: string): { primary: string; secondary: string | null } {
  const primary = language === 'zh-CN' ? (line.nameZh ?? line.nameEn ?? line.productName) : (line.nameEn ?? line.productName);
  const other = language === 'zh-CN' ? line.nameEn : line.nameZh;
  return { primary, secondary: other !== null && other !== primary ? other : null };
}

export function PackLines({ lines, lastAccepted }: { lines: PackLine[]; lastAccepted: AcceptedScan | null }) {
  const { t, language } = useI18n();
  return (
    <table className="pack-lines">
      <thead>
        <tr>
          <th scope="col">{t('pack.col.product')}</th>
          <th scope="col">{t('pack.col.sku')}</th>
          <th scope="col">{t('pack.col.gtin')}</th>
          <th scope="col" className="count-col">
            {t('pack.col.scanned')}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const { primary, secondary } = names(line, language);
          const complete = line.scanned >= line.quantity;
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
              <td className="product">
                <span className="product-name">{primary}</span>
                {secondary !== null ? <span className="product-name-other">{secondary}</span> : null}
                {!line.inCatalog ? <span className="not-in-catalog">⚠ {t('pack.line.notInCatalog')}</span> : null}
              </td>
              <td className="sku">{line.sku}</td>
              <td className="gtin">{line.gtin ?? '—'}</td>
              <td className="line-count" data-testid="pack-line-count">
                {complete ? <span aria-hidden="true">✔ </span> : null}
                {t('pack.line.progress', { scanned: line.scanned, quantity: line.quantity })}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
