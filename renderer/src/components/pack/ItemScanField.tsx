import { useState } from 'react';
import type { RefObject } from 'react';
import type { AppErrorShape } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

/**
 * The item scan field. While units are still to be scanned it keeps the focus: it takes it
 * back whenever it is lost to nothing in particular, and the screen re-focuses it after
 * every action, so the scanner's keys always land here.
 */
export function ItemScanField({ inputRef, keepFocus }: { inputRef: RefObject<HTMLInputElement | null>; keepFocus: boolean }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [refusedWhile, setRefusedWhile] = useState<AppErrorShape | null>(null);
  const packAlert = useAppStore((state) => state.packAlert);
  const scanItem = useAppStore((state) => state.scanItem);

  const submit = () => {
    const value = code;
    setCode('');
    if (packAlert) {
      // Nothing is scanned past a red message that has not been acknowledged.
      setRefusedWhile(packAlert);
      return;
    }
    void scanItem(value);
  };

  return (
    <div className="item-scan">
      <label htmlFor="pack-scan-input" className="field-label">
        {t('pack.scan.label')}
      </label>
      <input
        id="pack-scan-input"
        ref={inputRef}
        data-testid="pack-scan-input"
        className="big-input scan-input"
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('pack.scan.placeholder')}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            submit();
          }
        }}
        onBlur={() => {
          if (!keepFocus) return;
          setTimeout(() => {
            const active = document.activeElement;
            if (active === null || active === document.body) inputRef.current?.focus();
          }, 0);
        }}
      />
      {packAlert !== null && refusedWhile === packAlert ? (
        <p className="scan-blocked" data-testid="scan-blocked">
          {t('pack.scan.blocked')}
        </p>
      ) : null}
    </div>
  );
}
