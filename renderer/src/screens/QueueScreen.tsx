import { useEffect, useRef, useState } from 'react';
import type { OrderSummary } from '../../../shared/contract';
import { DeadlineCountdown } from '../components/DeadlineCountdown';
import { FlagBadges, ServiceLevel } from '../components/FlagBadges';
import { QueueAlerts } from '../components/metrics/QueueAlerts';
import { OrderScanField } from '../components/OrderScanField';
import { PullParcels } from '../components/PullParcels';
import { SyncPanel } from '../components/SyncPanel';
import { urgencyOf } from '../format/deadline';
import { useNow } from '../hooks/use-now';
import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/store-context';

const SEARCH_DELAY_MS = 250;

export function QueueScreen() {
  const { t, describe } = useI18n();
  const orders = useAppStore((state) => state.orders);
  const queueError = useAppStore((state) => state.queueError);
  const queueSearch = useAppStore((state) => state.queueSearch);
  const searchQueue = useAppStore((state) => state.searchQueue);
  const openOrder = useAppStore((state) => state.openOrder);
  const pullList = useAppStore((state) => state.pullList);
  const selection = useAppStore((state) => state.pickSelection);
  const togglePickSelection = useAppStore((state) => state.togglePickSelection);
  const clearPickSelection = useAppStore((state) => state.clearPickSelection);
  const navigate = useAppStore((state) => state.navigate);
  const now = useNow(1000);
  const [search, setSearch] = useState(queueSearch);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current);
    },
    [],
  );

  const onSearch = (value: string) => {
    setSearch(value);
    if (pending.current !== null) clearTimeout(pending.current);
    pending.current = setTimeout(() => void searchQueue(value), SEARCH_DELAY_MS);
  };

  return (
    <section className="screen queue-screen" aria-labelledby="queue-title">
      <PullParcels parcels={pullList} showOrder />
      <QueueAlerts />
      <SyncPanel />
      <div className="queue-tools">
        <OrderScanField />
        <div className="queue-search">
          <label htmlFor="queue-search">{t('queue.search.label')}</label>
          <input
            id="queue-search"
            data-testid="queue-search"
            type="search"
            autoComplete="off"
            placeholder={t('queue.search.placeholder')}
            value={search}
            onChange={(event) => onSearch(event.target.value)}
          />
        </div>
      </div>
      <h1 id="queue-title" className="screen-title">
        {t('queue.title')} <span className="count">{t('queue.count', { count: orders.length })}</span>
      </h1>
      <div className="queue-pick" data-testid="queue-pick">
        <button type="button" className="big-button" data-testid="queue-pick-list" onClick={() => navigate('pick')}>
          {selection.length > 0 ? t('queue.pick.selected', { count: selection.length }) : t('queue.pick.today')}
        </button>
        {selection.length > 0 ? (
          <button type="button" data-testid="queue-select-clear" onClick={clearPickSelection}>
            {t('queue.pick.clear')}
          </button>
        ) : null}
      </div>
      {queueError ? (
        <p className="inline-error" role="alert" data-testid="queue-error">
          {describe(queueError)}
        </p>
      ) : null}
      <table className="queue-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t('queue.col.select')}</span>
            </th>
            <th scope="col">{t('queue.col.order')}</th>
            <th scope="col">{t('queue.col.deadline')}</th>
            <th scope="col">{t('queue.col.recipient')}</th>
            <th scope="col">{t('queue.col.country')}</th>
            <th scope="col">{t('queue.col.units')}</th>
            <th scope="col">{t('queue.col.flags')}</th>
            <th scope="col">{t('queue.col.service')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <QueueRow
              key={order.orderId}
              order={order}
              now={now}
              selected={selection.includes(order.orderId)}
              onSelect={() => togglePickSelection(order.orderId)}
              onOpen={() => void openOrder(order.orderId)}
            />
          ))}
        </tbody>
      </table>
      {orders.length === 0 && !queueError ? (
        <p className="empty" data-testid="queue-empty">
          {queueSearch.trim() === '' ? t('queue.empty') : t('queue.emptySearch', { search: queueSearch })}
        </p>
      ) : null}
    </section>
  );
}

type RowProps = { order: OrderSummary; now: number; selected: boolean; onSelect: () => void; onOpen: () => void };

function QueueRow({ order, now, selected, onSelect, onOpen }: RowProps) {
  const { t } = useI18n();
  const urgency = urgencyOf(order.latestShipDate, now);
  return (
    <tr
      className={`queue-row urgency-${urgency}`}
      data-testid="queue-row"
      data-order-id={order.orderId}
      data-urgency={urgency}
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen();
      }}
    >
      <td className="select-cell" onClick={(event) => event.stopPropagation()}>
        <input
          type="checkbox"
          data-testid={`queue-select-${order.orderId}`}
          aria-label={t('queue.select', { orderId: order.orderId })}
          checked={selected}
          onChange={onSelect}
          onKeyDown={(event) => {
            // Enter on the box must not also open the order; Space ticks it.
            if (event.key === 'Enter') event.stopPropagation();
          }}
        />
      </td>
      <td className="order-id">
        {order.orderId}
        {order.heldBy !== null ? (
          <span className="held-marker" data-testid="queue-held" data-holder={order.heldBy}>
            <span aria-hidden="true">⚠</span> {t('queue.heldBy', { name: order.heldBy })}
          </span>
        ) : null}
      </td>
      <td>
        <DeadlineCountdown deadline={order.latestShipDate} now={now} />
      </td>
      <td>
        <span className="recipient">{order.recipientName}</span>
        {order.buyerName && order.buyerName !== order.recipientName ? (
          <span className="buyer">{t('queue.buyer', { name: order.buyerName })}</span>
        ) : null}
      </td>
      <td className="country">{order.countryCode}</td>
      <td>{t('queue.units', { units: order.unitCount, lines: order.lineCount })}</td>
      <td>
        <FlagBadges flags={order.flags} />
      </td>
      <td>
        <ServiceLevel level={order.shipServiceLevel} isPrime={order.isPrime} />
      </td>
    </tr>
  );
}
