import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/use-i18n';

type Props = {
  message: string;
  code: string;
  onAcknowledge: () => void;
  testId: string;
  ackTestId: string;
  /** The big red bench banner, or the slimmer one for the top of the window. */
  size?: 'bench' | 'bar';
};

/**
 * A refusal the packer must see. It has no timer on purpose: it stays until someone presses
 * Escape or the button, however long that takes.
 */
export function AlertBanner({ message, code, onAcknowledge, testId, ackTestId, size = 'bench' }: Props) {
  const { t } = useI18n();
  const acknowledge = useRef(onAcknowledge);
  useEffect(() => {
    acknowledge.current = onAcknowledge;
  }, [onAcknowledge]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        acknowledge.current();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <div className={`alert alert-${size}`} role="alert" data-testid={testId} data-code={code}>
      <span className="alert-icon" aria-hidden="true">
        ✖
      </span>
      <div className="alert-body">
        <p className="alert-message">{message}</p>
        {size === 'bench' ? <p className="alert-hint">{t('common.ackHint')}</p> : null}
      </div>
      <button type="button" className="alert-ack" data-testid={ackTestId} onClick={onAcknowledge}>
        {size === 'bench' ? t('common.ok') : t('common.dismiss')}
      </button>
    </div>
  );
}
