import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/store-context';

/** "Scan or type order": holds the focus on the queue screen, so a scan opens the order. */
export function OrderScanField() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const focusTick = useAppStore((state) => state.focusTick);
  const openOrderByCode = useAppStore((state) => state.openOrderByCode);

  useEffect(() => {
    input.current?.focus();
  }, [focusTick]);

  const submit = () => {
    const value = code;
    setCode('');
    void openOrderByCode(value);
  };

  return (
    <div className="order-scan">
      <label htmlFor="order-scan-input" className="order-scan-label">
        {t('orderScan.label')}
      </label>
      <div className="order-scan-row">
        <input
          id="order-scan-input"
          ref={input}
          data-testid="order-scan-input"
          className="big-input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('orderScan.placeholder')}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              submit();
            }
          }}
        />
        <button type="button" className="big-button" data-testid="order-scan-open" onClick={submit}>
          {t('orderScan.open')}
        </button>
      </div>
    </div>
  );
}
