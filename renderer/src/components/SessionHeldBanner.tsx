import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/store-context';

/** The order is being packed by someone else: say who; a supervisor may take it over. */
export function SessionHeldBanner() {
  const { t } = useI18n();
  const held = useAppStore((state) => state.heldOrder);
  const operator = useAppStore((state) => state.operator);
  const takeOver = useAppStore((state) => state.takeOver);
  const dismissHeld = useAppStore((state) => state.dismissHeld);
  // Only at the bench: the sign-in screen has nothing to take over from.
  if (held === null || operator === null) return null;
  return (
    <div className="alert alert-bar session-held" role="alert" data-testid="session-held" data-holder={held.holder}>
      <span className="alert-icon" aria-hidden="true">
        ⚠
      </span>
      <div className="alert-body">
        <p className="alert-message">{t('pack.held', { holder: held.holder, orderId: held.orderId })}</p>
        {operator?.role !== 'supervisor' ? <p className="alert-hint">{t('pack.held.askSupervisor')}</p> : null}
      </div>
      {operator?.role === 'supervisor' ? (
        <button type="button" className="alert-ack" data-testid="takeover" onClick={() => void takeOver()}>
          {t('pack.held.takeOver')}
        </button>
      ) : null}
      <button type="button" className="alert-ack" data-testid="session-held-dismiss" onClick={dismissHeld}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
