import type { PackView } from '../../../../shared/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/store-context';

/** The station waits for the serial number of the unit just scanned: the next scan is that serial. */
export function SerialPrompt({ awaiting }: { awaiting: NonNullable<PackView['session']['awaiting']> }) {
  const { t } = useI18n();
  const cancelPrompt = useAppStore((state) => state.cancelPrompt);
  const busy = useAppStore((state) => state.packBusy);
  return (
    <div className="serial-prompt" data-testid="serial-prompt" data-sku={awaiting.sku} role="status">
      <span className="serial-icon" aria-hidden="true">
        #
      </span>
      <p className="serial-text">{t('pack.serial.prompt', { sku: awaiting.sku })}</p>
      <button type="button" className="big-button" data-testid="serial-cancel" disabled={busy} onClick={() => void cancelPrompt()}>
        {t('pack.serial.cancel')}
      </button>
    </div>
  );
}
