import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/store-context';
import type { PullParcel } from '../store/types';

/**
 * Labelled parcels of cancelled orders: each must come off the outgoing pile before the
 * carrier collects it. The notice stays until the packer confirms each one is pulled.
 */
export function PullParcels({ parcels, showOrder }: { parcels: PullParcel[]; showOrder: boolean }) {
  const { t } = useI18n();
  const confirmPulled = useAppStore((state) => state.confirmPulled);
  if (parcels.length === 0) return null;
  return (
    <div className="alert alert-bench pull-parcels" role="alert" data-testid="pull-parcels">
      <span className="alert-icon" aria-hidden="true">
        ⚠
      </span>
      <ul className="alert-body pull-list">
        {parcels.map((parcel) => (
          <li key={`${parcel.orderId}:${parcel.packageId}`} className="pull-parcel" data-testid="pull-parcel" data-tracking={parcel.trackingNumber}>
            <p className="alert-message">{t('pull.message', { tracking: parcel.trackingNumber })}</p>
            <p className="pull-meta">
              {showOrder ? t('pull.order', { orderId: parcel.orderId, seq: parcel.seq }) : t('pack.packages.seq', { seq: parcel.seq })}
            </p>
            <button type="button" className="alert-ack" data-testid="pull-confirm" onClick={() => void confirmPulled(parcel.orderId, parcel.packageId)}>
              ✔ {t('pull.confirm')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
