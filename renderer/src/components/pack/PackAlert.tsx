import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type { AppErrorShape } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';

type Props = {
  alert: Pick<AppErrorShape, 'code' | 'message' | 'data'>;
  notCounted: string[];
  onAcknowledge: () => void;
  ackRef: RefObject<HTMLButtonElement | null>;
};

/**
 * The big red message at the bench. No timer: it stays until the packer presses Escape, the
 * OK button (Enter while it has the focus) or scans the acknowledge command barcode. The
 * outer element carries the current testids, the inner ones the older names the end-to-end
 * test uses.
 */
export function PackAlert({ alert, notCounted, onAcknowledge, ackRef }: Props) {
  const { t, describe } = useI18n();
  const acknowledge = useRef(onAcknowledge);
  useEffect(() => {
    acknowledge.current = onAcknowledge;
  }, [onAcknowledge]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        acknowledge.current();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <div className="alert alert-bench pack-alert" role="alert" data-testid="pack-alert" data-code={alert.code}>
      <div className="alert-inner" data-testid="scan-error" data-code={alert.code}>
        <span className="alert-icon" aria-hidden="true">
          ✖
        </span>
        <div className="alert-body">
          <p className="alert-title">{t('pack.alert.title')}</p>
          <p className="alert-message">{describe(alert)}</p>
          {notCounted.length > 0 ? (
            <p className="scan-blocked" data-testid="scan-blocked">
              {t('pack.alert.notCounted', { codes: notCounted.join(', ') })}
            </p>
          ) : null}
          <p className="alert-hint">{t('pack.alert.hint')}</p>
        </div>
        <button type="button" ref={ackRef} className="alert-ack" data-testid="pack-alert-ack" onClick={onAcknowledge}>
          <span data-testid="scan-error-ack">{t('common.ok')}</span>
        </button>
      </div>
    </div>
  );
}
