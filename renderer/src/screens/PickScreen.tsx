import { useEffect } from 'react';
import type { PickList } from '../../../shared/contract';
import { formatDeadline } from '../format/deadline';
import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/store-context';

/**
 * One walk along the shelves for a batch of orders: each SKU once, in bin order as the
 * station sorted it, with how many go into which tote. Printable: the print style sheet
 * hides everything but the list.
 */
export function PickScreen() {
  const { t, describe } = useI18n();
  const pickList = useAppStore((state) => state.pickList);
  const scope = useAppStore((state) => state.pickScope);
  const loading = useAppStore((state) => state.pickLoading);
  const pickError = useAppStore((state) => state.pickError);
  const selection = useAppStore((state) => state.pickSelection);
  const loadPickList = useAppStore((state) => state.loadPickList);
  const clearPickSelection = useAppStore((state) => state.clearPickSelection);

  useEffect(() => {
    void loadPickList();
  }, [loadPickList, selection]);

  return (
    <section className="screen pick-screen" aria-labelledby="pick-title">
      <h1 id="pick-title" className="screen-title">
        {t('pick.title')}{' '}
        <span className="count" data-testid="pick-scope" data-scope={scope}>
          {scope === 'selected' ? t('pick.scope.selected', { count: selection.length }) : t('pick.scope.today')}
        </span>
      </h1>
      <div className="pick-tools">
        <button type="button" className="big-button primary" data-testid="pick-print" disabled={pickList === null || pickList.picks.length === 0} onClick={() => window.print()}>
          {t('pick.print')}
        </button>
        {scope === 'selected' ? (
          <button type="button" className="big-button" data-testid="pick-today" onClick={clearPickSelection}>
            {t('pick.useToday')}
          </button>
        ) : null}
        <button type="button" className="big-button" data-testid="pick-refresh" onClick={() => void loadPickList()}>
          {t('pick.refresh')}
        </button>
      </div>
      {pickError !== null ? (
        <p className="inline-error" role="alert" data-testid="pick-error">
          {describe(pickError)}
        </p>
      ) : null}
      {loading && pickList === null ? <p className="hint">{t('app.loading')}</p> : null}
      {pickList !== null && pickList.orders.length === 0 ? (
        <p className="empty" data-testid="pick-empty">
          {scope === 'selected' ? t('pick.emptySelected') : t('pick.emptyToday')}
        </p>
      ) : null}
      {pickList !== null && pickList.orders.length > 0 ? <PickSheet list={pickList} /> : null}
    </section>
  );
}

function PickSheet({ list }: { list: PickList }) {
  const { t, language } = useI18n();
  const zhFirst = language === 'zh-CN';
  return (
    <div className="pick-sheet">
      <table className="pick-table">
        <thead>
          <tr>
            <th scope="col">{t('pick.col.bin')}</th>
            <th scope="col">{t('pick.col.sku')}</th>
            <th scope="col">{t('pick.col.name')}</th>
            <th scope="col" className="count-col">
              {t('pick.col.quantity')}
            </th>
            <th scope="col">{t('pick.col.totes')}</th>
          </tr>
        </thead>
        <tbody>
          {list.picks.map((pick, index) => {
            const first = zhFirst ? (pick.nameZh ?? pick.nameEn) : (pick.nameEn ?? pick.nameZh);
            const second = zhFirst ? pick.nameEn : pick.nameZh;
            return (
              <tr key={`${pick.sku}:${pick.binLocation ?? ''}:${index}`} className="pick-row" data-testid="pick-row" data-bin={pick.binLocation ?? ''} data-sku={pick.sku}>
                <td className="pick-bin">{pick.binLocation ?? t('pick.noBin')}</td>
                <td className="sku">{pick.sku}</td>
                <td className="product">
                  <span className="product-name">{first ?? pick.sku}</span>
                  {second !== null && second !== first ? <span className="product-name-other">{second}</span> : null}
                </td>
                <td className="pick-quantity">{pick.quantity}</td>
                <td>
                  <div className="pick-totes">
                    {pick.totes.map((tote) => (
                      <span key={`${tote.tote}:${tote.orderId}`} className="pick-tote" data-testid="pick-tote" data-tote={tote.tote}>
                        {t('pick.tote', { tote: tote.tote, quantity: tote.quantity })}
                      </span>
                    ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <section className="pick-legend" aria-labelledby="pick-legend-title">
        <h2 id="pick-legend-title">{t('pick.legend')}</h2>
        <ul>
          {list.orders.map((order) => (
            <li key={order.orderId} data-testid="pick-legend-row" data-tote={order.tote} data-order-id={order.orderId}>
              <strong>{t('pick.toteOnly', { tote: order.tote })}</strong> → {order.orderId}
              {order.latestShipDate !== null ? <span className="pick-due"> · {t('pick.due', { due: formatDeadline(order.latestShipDate, language) })}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
