import type { RefObject } from 'react';
import type { PackView } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';
import { PullParcels } from '../PullParcels';

/**
 * The order was cancelled while it was being packed. Nothing more may go in: the screen says
 * so across its whole width and keeps saying it, whatever is pressed, until the packer
 * leaves the order. Parcels already labelled are listed to be pulled.
 */
export function CancelledBlock({ view, backRef }: { view: PackView; backRef: RefObject<HTMLButtonElement | null> }) {
  const { t } = useI18n();
  const closeOrder = useAppStore((state) => state.closeOrder);
  const parcels = view.pullParcels.map((parcel) => ({ ...parcel, orderId: view.order.orderId }));
  return (
    <div className="cancelled-block" role="alert" data-testid="cancelled-block">
      <p className="cancelled-title">
        <span aria-hidden="true">✖ </span>
        {t('pack.cancelled.title')}
      </p>
      <p className="cancelled-hint">{t('pack.cancelled.hint', { orderId: view.order.orderId })}</p>
      <PullParcels parcels={parcels} showOrder={false} />
      <button type="button" ref={backRef} className="big-button" data-testid="cancelled-leave" onClick={closeOrder}>
        {t('pack.cancelled.leave')}
      </button>
    </div>
  );
}
