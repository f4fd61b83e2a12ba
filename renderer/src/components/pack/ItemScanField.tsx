import { useState } from 'react';
import type { RefObject } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

/**
 * The item scan field. While units are still to be scanned it keeps the focus: it takes it
 * back whenever it is lost to nothing in particular, and the screen re-focuses it after
 * every action, so the scanner's keys always land here. Every Enter is one scan for the
 * queue; the store decides whether it can count (not past a red message).
 */
export function ItemScanField({ inputRef, keepFocus, serial }: { inputRef: RefObject<HTMLInputElement | null>; keepFocus: boolean; serial: boolean }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const scanItem = useAppStore((state) => state.scanItem);

  const submit = () => {
    const value = code;
    setCode('');
    if (value.trim() === '') return;
    void scanItem(value);
  };

  return (
    <div className="item-scan">
      <label htmlFor="pack-scan-input" className="field-label">
        {serial ? t('pack.scan.serialLabel') : t('pack.scan.label')}
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
    </div>
  );
}
