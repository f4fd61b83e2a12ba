import type { PackView } from '../../../../shared/contract';
import { useNow } from '../../hooks/use-now';
import { useI18n } from '../../i18n/use-i18n';
import { DeadlineCountdown } from '../DeadlineCountdown';
import { FlagBadges, ServiceLevel } from '../FlagBadges';

export function PackHeader({ order }: { order: PackView['order'] }) {
  const { t } = useI18n();
  const now = useNow(1000);
  const { shipTo } = order;
  const cityLine = [shipTo.city, shipTo.state, shipTo.postalCode].filter((part) => part !== null && part !== '').join(', ');
  return (
    <header className="pack-header">
      <div className="pack-order">
        <h1 className="pack-order-id" data-testid="pack-order-id">
          {t('pack.order', { orderId: order.orderId })}
        </h1>
        <div className="pack-deadline">
          <span className="field-label">{t('pack.deadline')}</span>
          <DeadlineCountdown deadline={order.latestShipDate} now={now} />
        </div>
        <div className="pack-meta">
          <ServiceLevel level={order.shipServiceLevel} isPrime={order.isPrime} />
          <FlagBadges flags={order.flags} />
        </div>
      </div>
      <address className="ship-to" data-testid="ship-to">
        <span className="field-label">{t('pack.shipTo')}</span>
        <strong>{shipTo.name}</strong>
        {shipTo.lines.map((line, index) => (
          <span key={index}>{line}</span>
        ))}
        <span>{cityLine}</span>
        <span className="ship-to-country">{shipTo.countryCode}</span>
      </address>
    </header>
  );
}
